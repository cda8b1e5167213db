/** The RDP Doctor test lab: real peers (xrdp, freerdp-shadow, xfreerdp) and misbehaving stand-ins, all cleaned up by stopAll(). */
export * from './certs';
export * from './ports';
export * from './processes';
export * from './xrdp';
export * from './xvfb';
export * from './freerdp-shadow';
export * from './x224';
export * from './standins';
export * from './xfreerdp';
export * from './hostile';
export * from './gateway-standin';
export * from './lossy-listener';
