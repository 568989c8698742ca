-- The answer cache (platform/response-cache.ts) keeps the lead list and the kanban for a few seconds; every statement
-- that changes what they show tells all instances to drop it (as migration 0009 does for the key projects).
CREATE TRIGGER promotion_leads_changed_notify AFTER INSERT OR UPDATE OR DELETE ON promotion_leads FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER promotion_teams_changed_notify AFTER INSERT OR UPDATE OR DELETE ON promotion_teams FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER promotion_team_members_changed_notify AFTER INSERT OR UPDATE OR DELETE ON promotion_team_members FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
