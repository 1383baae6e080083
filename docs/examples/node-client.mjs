// Check drafts with `msglint serve` before a seller tool sends them. Node 18+, no dependencies.
//
//   msglint serve                                   # in another terminal
//   node docs/examples/node-client.mjs [http://127.0.0.1:8079]

const base = process.argv[2] ?? "http://127.0.0.1:8079";

async function call(path, body) {
  const response = await fetch(base + path, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    const { code, message } = answer.error;
    throw new Error(`${response.status} ${code}: ${message}`);
  }
  return answer;
}

// offsets: "utf16" makes span.start/end index the string as JavaScript does, emoji and all.
const check = (message) => call("/v1/check", { message, offsets: "utf16" });

const health = await call("/v1/health");
console.log(`msglint ${health.version}, policy ${health.policy}, languages ${health.languages.join(", ")}`);

const drafts = [
  { id: "order-1", text: "Hi Sam, your order shipped today and should arrive on Friday." },
  { id: "order-2", text: "😀😀 Thanks! Leave us 5 stars and visit shop.example.com for 10% off." },
];
for (const draft of drafts) {
  const report = await check(draft);
  console.log(`${report.message_id}: ${report.verdict}`);
  for (const f of report.findings) {
    const words = draft.text.slice(f.span.start, f.span.end);
    console.assert(words === f.text, "the span indexes the JavaScript string");
    console.log(`  ${f.rule} ${f.severity} at [${f.span.start}, ${f.span.end}) ${JSON.stringify(words)}`);
    console.log(`    ${f.message}`);
  }
}

// Many at once: the reports come back in the order of the messages.
const { reports } = await call("/v1/check/batch", {
  messages: ["Your refund was issued today.", "Follow us on Instagram @shopexample", "Thanks!"],
});
console.log(`batch: ${reports.map((r) => r.verdict).join(", ")}`);

// Errors are JSON and name the field at fault.
try {
  await check({ text: "Hallo", language: "German" });
} catch (error) {
  console.log(`error: ${error.message}`);
}
