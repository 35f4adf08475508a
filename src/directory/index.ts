/** The embedded directory: ADUser model, identities, LDAP filter, OU scope, the SQLite store. */
export { ADUSER_JSON_SQL, ADUSER_TYPE, USER_COLUMNS, toADUser, userRowOf } from './adUser.js';
export type { ADUser, UserRow } from './adUser.js';
export { createDatabase, databasePath, openDatabase } from './database.js';
export type { DirectoryDatabase } from './database.js';
export { dnKey, looksLikeDn, parentDns, splitDn, subtreeRange } from './dn.js';
export { IdentityResolver, USER_SHAPE } from './resolve.js';
export type { PendingLookup, ResolveScope, ResolveShape } from './resolve.js';
export { QueryWorker } from './queryWorker.js';
export { UserId, UserIdParameterType, classifyIdentity } from './userId.js';
export type { IdentityForm } from './userId.js';
export { containerExists, searchUsers, subtreeCondition } from './userSearch.js';
export { searchUserPages, type PageSearch, type UserPage } from './userPages.js';
export type { SqlCondition, UserSearch } from './userSearch.js';
export { UserConflictError, UserWriter } from './userStore.js';
export type { UserInput } from './userStore.js';
export { normalizeUser } from './import/normalizeUser.js';
export type { RawUser } from './import/normalizeUser.js';
export { LdapFilterError, compileLdapFilter, parseLdapFilter } from './ldap/index.js';
