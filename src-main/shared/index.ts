/** The contract shared by main, preload, renderer and CLI: ids, metadata, schemas, DTOs and channels. */
export * from './ids';
export * from './catalog';
export * from './schema';
export * from './dto';
export * from './channels';
