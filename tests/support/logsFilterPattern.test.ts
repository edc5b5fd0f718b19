import { strict as assert } from "assert";
import { filterDimensions, matchesFilterPattern } from "./logsFilterPattern";

// The CloudWatch Logs User Guide's examples ("Filter pattern syntax for metric filters"), each
// with the outcome the guide gives, so the evaluator the stack's tests rely on can fail.
const EVENT = {
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
        { name: "a", id: 1 },
        { name: "b", id: 2 },
    ],
    SomeObject: null,
};
const USERS = {
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
        { id: 2, email: "John.Doe@example.com" },
        { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
        [0, 1, 2],
        [4, 5, 6],
        [7, 8, 9],
    ],
};

describe("the CloudWatch Logs JSON filter pattern evaluator", () => {
    it("matches the guide's matching examples", () => {
        for (const pattern of [
            '{ $.eventType = "UpdateTrail" }',
            "{ $.sourceIPAddress != 123.123.* }",
            '{ $.arrayKey[0] = "value" }',
            "{ $.objectList[1].id = 2 }",
            "{ $.SomeObject IS NULL }",
            "{ $.SomeOtherObject NOT EXISTS }",
            '{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }',
        ]) {
            assert.ok(matchesFilterPattern(pattern, EVENT), pattern);
        }
        for (const pattern of [
            '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }',
            '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }',
        ]) {
            assert.ok(matchesFilterPattern(pattern, USERS), pattern);
        }
    });

    it("does not match the guide's non-matching examples", () => {
        for (const pattern of [
            '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }',
            '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }',
        ]) {
            assert.ok(!matchesFilterPattern(pattern, USERS), pattern);
        }
        assert.ok(!matchesFilterPattern('{ $.eventType = "Other" }', EVENT));
        assert.ok(!matchesFilterPattern('{ $.objectList = "*" }', EVENT), "an array never matches");
        assert.ok(!matchesFilterPattern('{ $.missing = "*" }', EVENT));
    });

    it("refuses what CloudWatch Logs refuses", () => {
        assert.throws(
            () => matchesFilterPattern('$.eventType = "UpdateTrail"', EVENT),
            /enclosed in/,
        );
        assert.throws(() => matchesFilterPattern("{ $.eventType = Update Trail }", EVENT));
        assert.throws(
            () => matchesFilterPattern("{ $.a IS NOT NULL }", EVENT),
            /NULL, TRUE or FALSE/,
        );
        assert.throws(() => matchesFilterPattern("{ $.a = 1 && }", EVENT), /ends too early/);
        assert.throws(
            () => matchesFilterPattern('{ ($.a = "x" }', EVENT),
            /ends too early|not closed/,
        );
    });

    it("publishes the dimensions the guide's example names, at most three, only those found", () => {
        assert.deepEqual(filterDimensions({ eventType: "$.eventType" }, EVENT), {
            eventType: "UpdateTrail",
        });
        assert.deepEqual(filterDimensions({ a: "$.missing", b: "$.objectList[0].name" }, EVENT), {
            b: "a",
        });
        assert.throws(
            () => filterDimensions({ a: "$.a", b: "$.b", c: "$.c", d: "$.d" }, EVENT),
            /at most three/,
        );
        assert.throws(() => filterDimensions({ a: "eventType" }, EVENT), /property selector/);
    });
});
