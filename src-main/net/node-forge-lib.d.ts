/** node-forge's own modules, loaded one by one (forge-x509.ts); the package's types describe only its index. */
declare module 'node-forge/lib/forge' {
  const forge: object;
  export default forge;
}
declare module 'node-forge/lib/x509';
