// Solves one ALTCHA challenge with the ALTCHA project's own library (altcha/lib, the code the widget's PBKDF2 worker runs),
// so the tests can prove the portal's C# check accepts what the real widget sends.
// Usage: node solve-altcha.mjs < challenge.json   (the `challenge` member of a challenge_required problem)
// Prints the payload the widget would send: base64 of {"challenge":{"parameters","signature"},"solution":{counter,derivedKey,time}}.
import { solveChallenge, pbkdf2 } from "altcha/lib";

let input = "";
for await (const chunk of process.stdin) {
  input += chunk;
}

const challenge = JSON.parse(input);
const solution = await solveChallenge({ challenge, deriveKey: pbkdf2.deriveKey, counterMode: "uint32", timeout: 60000 });
if (!solution) {
  process.stderr.write("no solution found\n");
  process.exit(1);
}

process.stdout.write(btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })));
