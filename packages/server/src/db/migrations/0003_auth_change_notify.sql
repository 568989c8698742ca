-- Every instance keeps a short-lived cache of signed-in principals; any change that can alter who someone is or
-- what they may do tells all instances to drop it (LISTEN zoneops_auth). Statement-level: one notice per statement.
-- Session touches (last_seen_at) do not notify: they change nothing a principal is made of.
CREATE OR REPLACE FUNCTION zoneops_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('zoneops_auth', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER DELETE OR UPDATE OF state, csrf_token, user_id ON sessions FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER user_roles_auth_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER roles_auth_changed AFTER UPDATE OR DELETE ON roles FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER units_auth_changed AFTER UPDATE OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER settings_auth_changed AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
