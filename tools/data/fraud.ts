/**
 * Card transaction descriptions, 1 % fraud: the chapter's extreme-imbalance case. Fraud and
 * legitimate rows are drawn from overlapping distributions (legitimate customers also shop
 * abroad at night on new phones; fraudsters also make small ordinary-looking charges), so no
 * single field decides the label.
 * @module
 */
import { KIT_LABELS } from "../../lib/data/registry.ts";
import { countsTable, csvField, Gen, LICENCE, writeSplits } from "./common.ts";

interface Merchant {
  name: string;
  category: string;
  amount: [number, number];
}
const MERCHANTS: Merchant[] = [
  { name: "FRESHMART #{N}", category: "grocery", amount: [4, 180] },
  { name: "CITY FUEL {N}", category: "fuel", amount: [20, 110] },
  { name: "CAFE LUMEN", category: "restaurant", amount: [3, 45] },
  { name: "TRATTORIA BELLA", category: "restaurant", amount: [25, 160] },
  { name: "METRO TRANSIT", category: "transport", amount: [2, 60] },
  { name: "STREAMFLIX", category: "subscription", amount: [8, 20] },
  { name: "PHARMA PLUS", category: "pharmacy", amount: [5, 90] },
  { name: "HOMEWORKS DIY", category: "home improvement", amount: [15, 600] },
  { name: "SKYLINE AIR", category: "airline", amount: [80, 1400] },
  { name: "HOTEL MIRADOR", category: "hotel", amount: [90, 900] },
  { name: "GADGETHUB ONLINE", category: "electronics", amount: [30, 2500] },
  { name: "VOLTSTORE.COM", category: "electronics", amount: [40, 3000] },
  { name: "GIFTCARD DEPOT", category: "gift cards", amount: [25, 500] },
  { name: "COINSWIFT EXCHANGE", category: "crypto exchange", amount: [50, 4000] },
  { name: "LUXE WATCHES", category: "jewellery", amount: [200, 6000] },
  { name: "RIDEGO", category: "ride hailing", amount: [5, 70] },
  { name: "APPSTORE", category: "digital goods", amount: [1, 60] },
  { name: "PETCO CORNER", category: "pet supplies", amount: [10, 150] },
];
const HOME = ["Leeds GB", "Manchester GB", "Bristol GB", "London GB", "Glasgow GB", "Cardiff GB"];
const ABROAD = [
  "Lisbon PT",
  "Madrid ES",
  "Paris FR",
  "New York US",
  "Lagos NG",
  "Bucharest RO",
  "Manila PH",
  "Kyiv UA",
  "Sao Paulo BR",
  "Dubai AE",
  "Bangkok TH",
  "Toronto CA",
];
const RISKY_CATEGORIES = new Set([
  "electronics",
  "gift cards",
  "crypto exchange",
  "jewellery",
  "digital goods",
]);

interface Txn {
  text: string;
  label: number;
}

function money(x: number): string {
  return x.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function transaction(g: Gen, fraud: boolean): string {
  const risky = MERCHANTS.filter((m) => RISKY_CATEGORIES.has(m.category));
  const m = fraud ? (g.maybe(0.75) ? g.pick(risky) : g.pick(MERCHANTS)) : g.pick(MERCHANTS);
  const online = fraud ? g.maybe(0.85) : g.maybe(RISKY_CATEGORIES.has(m.category) ? 0.7 : 0.2);
  const abroad = fraud ? g.maybe(0.55) : g.maybe(0.08);
  const place = abroad ? g.pick(ABROAD) : g.pick(HOME);
  const [lo, hi] = m.amount;
  let amount = lo + (hi - lo) * Math.pow(g.rng.random(), fraud ? 0.6 : 2.2);
  // Card testing: fraudsters try a tiny charge first.
  if (fraud && g.maybe(0.15)) amount = g.pick([0.5, 1, 1, 2, 3.99]);
  const hour = fraud && g.maybe(0.5) ? g.int(0, 5) : g.maybe(0.05) ? g.int(0, 5) : g.int(7, 23);
  const time = `${String(hour).padStart(2, "0")}:${String(g.int(0, 59)).padStart(2, "0")}`;
  const flags: string[] = [];
  if (online && g.maybe(fraud ? 0.5 : 0.06)) flags.push("new device");
  if (online && g.maybe(fraud ? 0.35 : 0.03)) flags.push("shipping address differs from billing");
  if (g.maybe(fraud ? 0.3 : 0.02)) flags.push(`${g.int(2, 6)} attempts in 10 min`);
  if (online && g.maybe(fraud ? 0.2 : 0.1)) flags.push("3-D Secure not completed");
  if (!fraud && abroad && g.maybe(0.3)) flags.push("travel notice on file");
  if (g.maybe(fraud ? 0.2 : 0.05)) flags.push("first purchase at merchant");
  const channel = online
    ? g.pick(["Online purchase", "Card-not-present payment", "In-app payment", "E-commerce"])
    : g.pick(["Card present purchase", "Contactless payment", "Chip and PIN purchase", "POS"]);
  const merchant = m.name.replace("{N}", String(g.int(100, 999)));
  const currency = abroad ? g.pick(["EUR", "USD", "GBP"]) : "GBP";
  const parts = [
    `${channel} at ${merchant} (${m.category})`,
    `${money(amount)} ${currency}`,
    place,
    time,
    ...flags,
  ];
  return parts.join(", ");
}

/** Writes the fraud files into `files`. */
export function makeFraud(files: Map<string, string>): void {
  const g = new Gen(6006);
  const n = 5000;
  const nFraud = 50;
  const rows: Txn[] = [];
  for (let i = 0; i < n; i++) {
    const fraud = i < nFraud;
    rows.push({ text: transaction(g, fraud), label: fraud ? 1 : 0 });
  }
  g.rng.shuffle(rows);
  const names = KIT_LABELS.fraud;
  const labelsBySplit = writeSplits(files, rows, {
    seed: 66,
    path: (split) => `fraud/${split}.csv`,
    header: "text,label\n",
    line: (r) => `${csvField(r.text)},${names[r.label]}\n`,
  });
  files.set(
    "fraud/README.md",
    `# kit/fraud: card transactions, 1 % fraud

Card transaction descriptions labelled **legitimate** or **fraud**, ${nFraud} fraud in ${n} (1 %):
the chapter's extreme-imbalance case, where accuracy is useless (always "legitimate" scores 99 %)
and the fraud class's precision, recall and F1 are what matter. Load with
\`loadDataset("kit/fraud", { split })\`.

Files: \`train.csv\`, \`validation.csv\`, \`test.csv\` with a header \`text,label\` (RFC 4180 CSV).
A description reads like
\`Online purchase at VOLTSTORE.COM (electronics), 1,249.99 GBP, London GB, 02:41, new device\`.

${countsTable(names, labelsBySplit)}

How it was made: merchant, channel, place, amount, time and risk flags are drawn from
class-conditional distributions that overlap: fraud favours online electronics, gift cards and
crypto, foreign places, night hours, new devices and repeated attempts, and sometimes a tiny
card-testing charge; legitimate customers also buy electronics online at night, travel, and
change phones. Split 70 / 10 / 20, stratified, seeded.

${LICENCE}
`,
  );
}
