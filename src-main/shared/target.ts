/** The target and the client's own settings, as every layer below the doors passes them around. */

/** The target after parsing `host`, `host:port`, `[v6]:port`. */
export interface ParsedTarget {
  /** What the user typed. */
  readonly input: string;
  /** Host name or literal address, without brackets. */
  readonly host: string;
  readonly port: number;
  /** True when `host` is an IPv4 or IPv6 literal. */
  readonly isAddress: boolean;
}

/** The client side of the connection as a .rdp file (or defaults) sets it. Null fields = not set. */
export interface ClientSettings {
  /** enablecredsspsupport: false turns NLA/CredSSP off. */
  readonly enableCredSsp: boolean | null;
  /** authentication level: 0 connect anyway, 1 do not connect, 2 warn, 3 no requirement. */
  readonly authenticationLevel: number | null;
  /** negotiate security layer: false forces the security layer the client chose. */
  readonly negotiateSecurityLayer: boolean | null;
  readonly port: number | null;
  readonly gateway: string | null;
  /** `full address` as written in the file. */
  readonly address: string | null;
  /** The file's name, for messages. */
  readonly fileName: string;
  /** A cloud service whose broker picks the session host (the client never dials `address` itself). */
  readonly service?: 'azure-virtual-desktop' | null;
}
