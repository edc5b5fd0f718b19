/**
 * The docs' cost figures in step with the one price table (components/cost/prices.ts): docs/cost.md
 * renders it row for row, its shipped-stack figures are the plan's, and every other dollar figure
 * in the README and docs/ is a price of the table or is worked out from them here.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    COST_WARNING_USD,
    formatUsd,
    PRICE_DATE,
    PRICE_REGION,
    PRICES,
} from "../../components/cost";
import { snapshotPlan } from "../../scripts/snapshots";
import { REPO_ROOT } from "../harness";
import { devWithRegions } from "../support/devWithRegions";

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
const usd = (amount: number) => `$${amount.toFixed(2)}`;
const { alarmMetric, customMetric, crossAccountEvents, crossRegionEvents, logsIngestion } = PRICES;
const HEARTBEATS_A_MONTH = 12 * 730;

/**
 * Every dollar figure of a page but docs/cost.md, with what it is worked out from: the price table,
 * or `perRegion`, what one more watched region adds to the plan's estimate.
 */
const figures = (perRegion: number): Record<string, { text: string; amount: number }[]> => ({
    "README.md": [{ text: "$0.40 a month each", amount: alarmMetric.usd + customMetric.usd }],
    "docs/capacity.md": [
        { text: "about $0.30", amount: 3 * alarmMetric.usd },
        { text: "$0.10 per alarm metric", amount: alarmMetric.usd },
        { text: "alarm ($0.10)", amount: alarmMetric.usd },
    ],
    "docs/misuse.md": [{ text: "notifying the topic ($0.10 a month)", amount: alarmMetric.usd }],
    "docs/organization.md": [
        { text: "$1.00 per million", amount: crossAccountEvents.usd },
        { text: "9 standard ones at $0.10", amount: alarmMetric.usd },
        { text: "metric, $0.30 a month", amount: customMetric.usd },
        { text: "alarm, $0.10 a month", amount: alarmMetric.usd },
        { text: "$0.40 a\n  month", amount: alarmMetric.usd + customMetric.usd },
        {
            text: "$0.80 for an account in two member regions",
            amount: 2 * (alarmMetric.usd + customMetric.usd),
        },
    ],
    "docs/regions.md": [
        { text: "$1.00 per million", amount: crossRegionEvents.usd },
        // A heartbeat every five minutes, and about 1 KB of it kept in Logs: each under a cent.
        {
            text: "under $0.01 |",
            amount: Math.ceil(((HEARTBEATS_A_MONTH * crossRegionEvents.usd) / 1e6) * 100) / 100,
        },
        {
            text: "under $0.01 (CloudWatch Logs ingestion)",
            amount:
                Math.ceil(((HEARTBEATS_A_MONTH * 1024) / 1024 ** 3) * logsIngestion.usd * 100) /
                100,
        },
        { text: "$0.10 each (CloudWatch pricing", amount: alarmMetric.usd },
        { text: "$0.10 each ([Capacity]", amount: alarmMetric.usd },
        { text: "| 1 | $0.10 |", amount: alarmMetric.usd },
        { text: "About $1.00 a month per region", amount: perRegion },
    ],
});

describe("the docs' cost figures", () => {
    it("docs/cost.md shows the price table as it is: every price, its unit, its source and the date", () => {
        const page = read("docs/cost.md");
        assert.ok(page.includes(`${PRICE_REGION} list prices of ${PRICE_DATE}`));
        assert.ok(
            page.includes(`Past **$${COST_WARNING_USD} a month**`),
            "the warning's threshold",
        );
        const rows = [
            ...page.matchAll(/^\| `(\w+)` \| (\$[\d.]+) \| ([^|]+) \| <([^>]+)> \| ([^|]+) \|$/gm),
        ];
        assert.deepEqual(
            rows.map((row) => row[1]).sort(),
            Object.keys(PRICES).sort(),
            "one row per price",
        );
        for (const [, key, amount, per, source, confirmedBy] of rows) {
            const price = PRICES[key as keyof typeof PRICES];
            assert.equal(amount, formatUsd(price.usd), key);
            assert.equal(per.trim(), price.per, key);
            assert.equal(source, price.source, key);
            assert.equal(confirmedBy.trim(), price.confirmedBy, key);
            assert.match(
                price.source,
                /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//,
                key,
            );
        }
    });

    it("docs/cost.md's shipped stacks cost what npm run plan says", async () => {
        const page = read("docs/cost.md");
        for (const stack of ["dev", "prod", "org"]) {
            const { cost } = await snapshotPlan(stack);
            const row = new RegExp(
                `^\\| \`Pulumi\\.${stack}\\.yaml\` \\| about (\\$[\\d.]+) \\|`,
                "m",
            ).exec(page);
            assert.equal(row?.[1], usd(cost.monthlyUsd), `Pulumi.${stack}.yaml`);
            if (cost.perMemberAccountAndRegionUsd !== undefined) {
                assert.ok(
                    page.includes(
                        `${usd(cost.perMemberAccountAndRegionUsd)} per member account and region`,
                    ),
                );
            }
        }
    });

    it("every other dollar figure in the README and docs/ comes from the price table or the plan", async () => {
        // A second region added to a stack that has one: what each further region costs.
        // One plan at a time: the mocks are the process's.
        const one = await devWithRegions("eu-west-1");
        const two = await devWithRegions("eu-west-1", "ap-southeast-2");
        const FIGURES = figures(
            Math.round((two.cost.monthlyUsd - one.cost.monthlyUsd) * 100) / 100,
        );
        const pages = [
            "README.md",
            ...fs.readdirSync(path.join(REPO_ROOT, "docs")).map((file) => `docs/${file}`),
        ].filter((file) => file.endsWith(".md") && file !== "docs/cost.md");
        for (const file of pages) {
            const text = read(file);
            const found = [...text.matchAll(/\$\d+(\.\d+)?/g)].length;
            const expected = FIGURES[file] ?? [];
            assert.equal(
                found,
                expected.length,
                `${file}: every dollar figure is listed in this test`,
            );
            for (const figure of expected) {
                assert.ok(text.includes(figure.text), `${file}: "${figure.text}"`);
                const shown = /\$(\d+\.\d+)/.exec(figure.text)?.[1];
                assert.equal(shown, figure.amount.toFixed(2), `${file}: "${figure.text}"`);
            }
        }
    });
});
