// Safety monitoring registry (issue 7): request and answer schemas of hazard sources, devices, points and stations.
export {};
