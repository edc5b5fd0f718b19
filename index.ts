import { namePrefix } from "./components/arns";
import { readStackConfig } from "./components/config";
import { KmsMonitoring } from "./components/kmsMonitoring";

// Fails with one message listing every config problem, before any resource registers.
const config = readStackConfig(new Date());

const monitoring = new KmsMonitoring(config.project, { ...config, namePrefix: namePrefix(config.project, config.stack) });

export const topicArn = monitoring.topicArn;
export const importedKeyId = monitoring.importedKeyId;
export const importedKeyArn = monitoring.importedKeyArn;
export const ruleNames = monitoring.ruleNames;
export const alarmNames = monitoring.alarmNames;
export const nextSteps = monitoring.nextSteps;
