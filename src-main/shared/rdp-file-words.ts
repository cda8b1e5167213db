/** Sentences about .rdp files that the service and the page both say, written once. */

/** Said before a signed file's clean copy is written: the copy cannot keep the publisher's signature. */
export const SIGNED_COPY_NOTE =
  'The file is signed by its publisher. A clean copy cannot keep that signature, so Remote Desktop Connection will warn that the publisher is unknown; the settings that reach the host are kept as they were signed.';
