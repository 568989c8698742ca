-- The answer cache (platform/response-cache.ts) keeps the economy dashboard, bulletin, grid, series and catalogue for
-- a few seconds; every statement that changes what they show tells all instances to drop it.
CREATE TRIGGER economy_figures_changed_notify AFTER INSERT OR UPDATE OR DELETE ON economy_figures FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER economy_indicators_changed_notify AFTER INSERT OR UPDATE OR DELETE ON economy_indicators FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER economy_regions_changed_notify AFTER INSERT OR UPDATE OR DELETE ON economy_regions FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
--> statement-breakpoint
CREATE TRIGGER economy_targets_changed_notify AFTER INSERT OR UPDATE OR DELETE ON economy_targets FOR EACH STATEMENT EXECUTE FUNCTION zoneops_auth_changed();
