// Safety monitoring ingestion (issue 7): answers of the ingest administration (listeners, counters, rejections) and
// of the HTTP telemetry endpoint.
export {};
