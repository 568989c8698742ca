// Safety monitoring alarms and hazards (issue 7): request and answer schemas of the alarm workflow, suppressions
// and hazards.
export {};
