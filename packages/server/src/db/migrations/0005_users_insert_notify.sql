-- The answer cache of hot lists (platform/response-cache.ts) must also hear of new users: inserts notify too.
CREATE TRIGGER users_inserted_notify AFTER INSERT ON users FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
