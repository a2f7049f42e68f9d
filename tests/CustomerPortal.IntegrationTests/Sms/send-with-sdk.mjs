// Sends one SMS with Microsoft's own JavaScript SDK (@azure/communication-sms), so the tests can
// prove FakeAcsServer checks signatures exactly as the real service does.
// Usage: node send-with-sdk.mjs <connection string> <from> <to> <message>
// Exit code: 0 sent, 1 the recipient was refused, 2 the request was refused (e.g. 401).
import { SmsClient } from "@azure/communication-sms";

const [connectionString, from, to, message] = process.argv.slice(2);
const client = new SmsClient(connectionString, {
  // The fake listens on plain HTTP on loopback.
  allowInsecureConnection: true,
  retryOptions: { maxRetries: 0 },
});

try {
  const results = await client.send({ from, to: [to], message }, { enableDeliveryReport: true, tag: "sdk-check" });
  console.log(JSON.stringify(results));
  process.exit(results.every((r) => r.successful) ? 0 : 1);
} catch (error) {
  console.error(`refused: ${error.statusCode ?? "no status"} ${error.message}`);
  process.exit(2);
}
