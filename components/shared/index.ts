// Helpers every module may use: the account/partition/region, ARNs and names, IAM policy
// document shapes, console hosts, the topic alarm, KMS deletion windows and the closest-match hint.
export * from "./arns";
export * from "./closestMatch";
export * from "./console";
export * from "./keyDeletion";
export * from "./policies";
export * from "./regions";
export * from "./alarm";
export * from "./eventLogGroup";
