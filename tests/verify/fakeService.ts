/** What every fake client needs: the errors services throw, and the region a call was sent to. */

/** An error as the SDK throws it for a service's answer. */
export function serviceError(name: string, message = name): Error {
    return Object.assign(new Error(message), { name, $fault: "client", $metadata: {} });
}

/** The client a command was sent with, as aws-sdk-client-mock hands it to a fake. */
export type GetClient = () => { config: { region: () => Promise<string> } };

/** The region a command was sent to. */
export const regionOf = (getClient: GetClient) => getClient().config.region();
