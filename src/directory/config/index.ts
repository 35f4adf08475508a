/** Choosing the directory: variables, the stored choice, -DomainController, and the secret files they name. */
export { explainDirectoryConfig, readDirectoryConfig, resolveDirectoryConfig, storedConnection } from './readConfig.js';
export type { DirectoryConfigOptions, DirectorySource, ResolvedDirectoryConfig } from './readConfig.js';
export { readBindPassword, readCaFile } from './secretFiles.js';
export { readStoredDirectory, removeStoredDirectory, storedDirectoryPath, writeStoredDirectory } from './storedChoice.js';
export type { StoredDirectory } from './storedChoice.js';
export { parseDirectoryUrl, urlText } from './settings.js';
