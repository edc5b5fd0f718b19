/** The account, topic, queue and rule the delivery policies are evaluated for. */
import { eventRuleArn } from "../../components/shared";
import { ACCOUNT_ID } from "../harness";

export const ENV = { accountId: ACCOUNT_ID, partition: "aws", region: "us-east-1" };
export const OTHER_ACCOUNT = "999988887777";
export const TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:snsworkshop";
export const QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:dead-letters";
export const RULE_ARN = eventRuleArn(ENV, "kms-monitoring-dev-data-key-generation");
export const TLS = { "aws:SecureTransport": "true" };
