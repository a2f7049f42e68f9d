// Sends one email with Microsoft's own JavaScript SDK (@azure/communication-email), so the tests can
// prove FakeAcsServer's email route checks signatures exactly as the real service does. The SDK then
// polls the operation it was given until it is done, as an application using the SDK would.
// Usage: node send-email-with-sdk.mjs <connection string> <sender address> <to> <subject> <operation id>
// Exit code: 0 sent, 1 the operation did not succeed, 2 the request was refused (e.g. 401).
import { EmailClient } from "@azure/communication-email";

const [connectionString, senderAddress, to, subject, operationId] = process.argv.slice(2);
const client = new EmailClient(connectionString, {
  // The fake listens on plain HTTP on loopback.
  allowInsecureConnection: true,
  retryOptions: { maxRetries: 0 },
});

try {
  const poller = await client.beginSend(
    {
      senderAddress,
      recipients: { to: [{ address: to, displayName: "SDK check" }] },
      content: { subject, plainText: "Hello from the SDK", html: "<p>Hello from the SDK</p>" },
    },
    // operationId is sent as the Operation-Id header, the SDK's idempotency id.
    { operationId, updateIntervalInMs: 50 },
  );
  const result = await poller.pollUntilDone();
  console.log(JSON.stringify(result));
  process.exit(result.status === "Succeeded" ? 0 : 1);
} catch (error) {
  console.error(`refused: ${error.statusCode ?? "no status"} ${error.message}`);
  process.exit(2);
}
