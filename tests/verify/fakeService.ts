/**
 * What every fake client needs: the errors services throw, the region a call was sent to, and
 * listings in pages.
 */

/** An error as the SDK throws it for a service's answer. */
export function serviceError(name: string, message = name): Error {
    return Object.assign(new Error(message), { name, $fault: "client", $metadata: {} });
}

/** The client a command was sent with, as aws-sdk-client-mock hands it to a fake. */
export type GetClient = () => { config: { region: () => Promise<string> } };

/** The region a command was sent to. */
export const regionOf = (getClient: GetClient) => getClient().config.region();

/**
 * The page of `items` that starts where `NextToken` points, and the token of the next page while
 * any is left, as the services page a listing. Pages of two make every listing of more than two
 * items take several calls, so that the tests see verify read every page.
 */
export function pageOf<T>(items: readonly T[], NextToken: string | undefined) {
    const start = Number(NextToken ?? 0);
    const end = start + 2;
    return {
        page: items.slice(start, end),
        NextToken: end < items.length ? String(end) : undefined,
    };
}
