/**
 * The parts of node-forge the certificate reader uses: ASN.1, the X.509 parser and its RSA key reader. The package's
 * index also loads its TLS client, PKCS#12, SSH, cipher suites and more: over half of its 590 KB, which every
 * `rdp-doctor diagnose` would read, hash and load for nothing.
 */
import type Forge from 'node-forge';
import 'node-forge/lib/x509';
import core from 'node-forge/lib/forge';

/** node-forge with asn1, pki (X.509 and RSA keys), jsbn, oids and util loaded. */
export const forge = core as typeof Forge;
