/**
 * Internal documents of a financial-services company tagged with the regulatory frameworks that
 * apply to them: the chapter's "Real-World Scenario" (21 tags, GDPR on ~40 % of documents,
 * Basel III on ~3 %, 2.3 tags per document on average). Each tag contributes a sentence about its
 * subject matter (usually without naming the regulation); filler and distractor sentences (a
 * topic mentioned only to say it does not apply) make keyword matching unreliable.
 * @module
 */
import { COMPLIANCE_TAGS } from "../../lib/data/registry.ts";
import { countsTable, Gen, LICENCE, splitIndices } from "./common.ts";

/** Share of documents carrying each tag; they add up to 2.30. */
const PREVALENCE: Record<string, number> = {
  "GDPR": 0.40,
  "SOX": 0.25,
  "PCI-DSS": 0.18,
  "AML": 0.17,
  "KYC": 0.17,
  "CCPA": 0.14,
  "MiFID II": 0.12,
  "HIPAA": 0.08,
  "Dodd-Frank": 0.09,
  "PSD2": 0.10,
  "FCRA": 0.06,
  "GLBA": 0.07,
  "SEC Rule 17a-4": 0.07,
  "FATCA": 0.05,
  "EMIR": 0.05,
  "DORA": 0.08,
  "OFAC": 0.06,
  "Volcker Rule": 0.04,
  "Solvency II": 0.04,
  "FINRA 4511": 0.05,
  "Basel III": 0.03,
};

const CUES: Record<string, string[]> = {
  "GDPR": [
    "The vendor will process personal data of {EU customers|European clients|employees in Germany and France}.",
    "Data subject access requests must be answered within one month.",
    "We need a lawful basis for processing before the {marketing|analytics|HR} team uses these records.",
    "The data protection officer reviewed the {retention schedule|impact assessment|transfer clauses}.",
    "Customers may ask for their data to be erased under the right to be forgotten.",
    "Transfers of personal data outside the EEA rely on standard contractual clauses.",
  ],
  "SOX": [
    "Management must certify the effectiveness of internal controls over financial reporting.",
    "The {quarterly close|journal entry|reconciliation} process lacks segregation of duties.",
    "External auditors tested the key controls on {revenue recognition|the general ledger|inventory valuation}.",
    "A material weakness was reported to the audit committee.",
  ],
  "PCI-DSS": [
    "Primary account numbers must be masked wherever card data is displayed.",
    "The cardholder data environment is segmented from the corporate network.",
    "Quarterly vulnerability scans of the payment systems are due in {March|June|September}.",
    "CVV codes must never be stored after authorisation.",
  ],
  "AML": [
    "Unusual cash deposits just below the reporting threshold were escalated.",
    "The team filed {two|three|several} suspicious activity reports this quarter.",
    "Transaction monitoring rules for {structuring|rapid movement of funds|trade-based laundering} were recalibrated.",
    "Money laundering red flags include layered transfers through shell companies.",
  ],
  "KYC": [
    "New corporate clients must provide proof of beneficial ownership.",
    "Customer due diligence files for high-risk clients are refreshed every year.",
    "Identity documents are verified before the account is opened.",
    "Enhanced due diligence applies to politically exposed persons.",
  ],
  "CCPA": [
    "California residents can opt out of the sale of their personal information.",
    'The website needs a "Do Not Sell My Personal Information" link.',
    "Consumer requests from {California|Los Angeles|San Francisco} customers must be answered within 45 days.",
  ],
  "MiFID II": [
    "Investment advice to retail clients must come with a suitability report.",
    "Costs and charges are disclosed to clients before any trade.",
    "Phone calls that may lead to a transaction are recorded and kept.",
    "Best execution reports are published for each class of financial instrument.",
  ],
  "HIPAA": [
    "The employee health plan shares protected health information with the insurer.",
    "Medical claims data must be encrypted at rest.",
    "A business associate agreement is required with the {benefits administrator|clinic|wellness vendor}.",
  ],
  "Dodd-Frank": [
    "Swap transactions must be reported to a registered swap data repository.",
    "The whistleblower policy was updated after a tip to the regulator.",
    "Stress test results for the holding company are due to the Federal Reserve.",
  ],
  "PSD2": [
    "Strong customer authentication is required for online payments above {€30|€50}.",
    "Third-party providers access accounts through the open banking API.",
    "Payment initiation services need the customer's explicit consent.",
  ],
  "FCRA": [
    "Adverse action notices must be sent when a credit report leads to a denial.",
    "Consumer reports may only be pulled for a permissible purpose.",
    "Disputes about credit report accuracy are investigated within 30 days.",
  ],
  "GLBA": [
    "The privacy notice explains how customers' nonpublic personal information is shared.",
    "The information security program protects customer financial information.",
    "Customers can opt out of sharing with nonaffiliated third parties.",
  ],
  "SEC Rule 17a-4": [
    "Broker-dealer records must be kept in non-rewriteable, non-erasable storage.",
    "Electronic communications with clients are archived for six years.",
    "The WORM storage vendor must provide a third-party undertaking.",
  ],
  "FATCA": [
    "Account holders with US indicia must provide a W-9 or W-8BEN form.",
    "Reportable accounts of US persons are filed with the tax authority each year.",
    "The onboarding form asks whether the client is a US taxpayer.",
  ],
  "EMIR": [
    "Derivative trades with EU counterparties are reported to a trade repository.",
    "Non-cleared OTC derivatives require margin exchange.",
    "Portfolio reconciliation with counterparties runs quarterly.",
  ],
  "DORA": [
    "Major ICT incidents must be reported to the supervisor within hours.",
    "Critical third-party ICT providers are in the register of information.",
    "Digital operational resilience testing includes threat-led penetration tests.",
  ],
  "OFAC": [
    "Payments are screened against the SDN list before release.",
    "A wire to a sanctioned jurisdiction was blocked and reported.",
    "Sanctions screening now covers vessel names and ports.",
  ],
  "Volcker Rule": [
    "The desk may not engage in proprietary trading for the bank's own account.",
    "Market-making inventory is compared with reasonably expected near-term demand.",
    "Investments in covered hedge funds are being wound down.",
  ],
  "Solvency II": [
    "The insurance subsidiary calculates its solvency capital requirement quarterly.",
    "The own risk and solvency assessment was approved by the board.",
    "Technical provisions for the life book were revalued.",
  ],
  "FINRA 4511": [
    "Books and records of the broker-dealer are preserved for at least six years.",
    "Record-keeping requirements apply to the new client onboarding system.",
    "The firm must keep its general ledger and order tickets in an accessible format.",
  ],
  "Basel III": [
    "The common equity tier 1 ratio fell to {10.2|11.4|9.8} percent this quarter.",
    "The liquidity coverage ratio must stay above 100 percent.",
    "Risk-weighted assets rose after the new mortgage portfolio was added.",
    "The leverage ratio buffer applies from next year.",
  ],
};
const KIND = [
  "Policy memo",
  "Audit finding",
  "Vendor assessment",
  "Incident report",
  "Procedure update",
  "Board minutes excerpt",
  "Training note",
  "Project brief",
  "Risk register entry",
];
const FILLER = [
  "The project team meets every {Monday|Thursday} to review progress.",
  "Owners and deadlines are listed in the attached tracker.",
  "Please send comments to the {compliance|operations|legal} mailbox by {Friday|the end of the month}.",
  "This document replaces the version issued last {year|quarter}.",
  "Budget for the work was approved in the last planning cycle.",
  "The change will be rolled out to {all branches|the London office|the retail division} first.",
];
const DISTRACTOR = [
  "No card payment data is in scope for this change.",
  "Health information is not collected by this process.",
  "The tool does not store any personal data.",
  "Capital ratios are outside the scope of this review.",
  "No trading activity is affected.",
  "Sanctions screening is handled by a separate team and is not covered here.",
];

/** Writes the compliance files into `files`. */
export function makeCompliance(files: Map<string, string>): void {
  const g = new Gen(5005);
  const n = 2000;
  const tags = COMPLIANCE_TAGS;
  // Exact prevalence: each tag goes to round(p × n) random documents.
  const docTags: Set<number>[] = Array.from({ length: n }, () => new Set());
  tags.forEach((tag, t) => {
    for (const d of g.rng.sample(docTags.map((_, i) => i), Math.round(PREVALENCE[tag] * n))) {
      docTags[d].add(t);
    }
  });
  // Every document gets at least one tag: take one from a document with three or more, which
  // keeps each tag's count (and so the mean) unchanged.
  for (const empty of docTags.filter((s) => s.size === 0)) {
    const donors = docTags.filter((s) => s.size >= 3);
    const donor = g.pick(donors);
    const t = g.pick([...donor].filter((x) => !empty.has(x)));
    donor.delete(t);
    empty.add(t);
  }
  const texts = docTags.map((set) => {
    const sentences = [...set].map((t) => g.fill(g.pick(CUES[tags[t]])));
    for (let k = g.int(1, 2); k > 0; k--) sentences.push(g.fill(g.pick(FILLER)));
    if (g.maybe(0.25)) sentences.push(g.pick(DISTRACTOR));
    g.rng.shuffle(sentences);
    // Some documents name their regulation outright, as real ones often do.
    const named = [...set].filter(() => g.maybe(0.2)).map((t) => tags[t]);
    const title = `${g.pick(KIND)}${named.length ? ` (${named.join(", ")})` : ""}:`;
    return `${title} ${sentences.join(" ")}`;
  });
  const labels = docTags.map((s) => [...s].sort((a, b) => a - b));
  const parts = splitIndices(n, 55);
  const labelsBySplit: Record<string, number[][]> = {};
  for (const [split, idx] of Object.entries(parts)) {
    labelsBySplit[split] = idx.map((i) => labels[i]);
    files.set(
      `compliance/${split}.tsv`,
      idx.map((i) => `${texts[i]}\t${labels[i].join(",")}\tdoc${String(i).padStart(4, "0")}\n`)
        .join(""),
    );
  }
  files.set("compliance/labels.txt", tags.join("\n") + "\n");
  const mean = labels.reduce((a, l) => a + l.length, 0) / n;
  files.set(
    "compliance/README.md",
    `# kit/compliance: multi-label regulatory tagging

Internal documents of an invented financial-services company, each tagged with every regulatory
framework that applies: the chapter's "Real-World Scenario" at a smaller scale (${n} documents
instead of 8,000; the same 21 tags, GDPR on ${(100 * PREVALENCE.GDPR).toFixed(0)} % of documents,
Basel III on ${(100 * PREVALENCE["Basel III"]).toFixed(0)} %, ${mean.toFixed(2)} tags per document).
Load with \`loadDataset("kit/compliance", { split })\`.

Files: \`train.tsv\`, \`validation.tsv\`, \`test.tsv\` in the GoEmotions layout (no header):
\`text<TAB>comma-separated tag ids<TAB>document id\`; \`labels.txt\` lists the tag names, one per line,
in id order.

Documents per tag:

${countsTable(tags, labelsBySplit)}

How it was made: each tag is given to exactly round(prevalence × ${n}) random documents; a document
left without a tag takes one from a document with three or more (counts unchanged). The text is a
document-type title (naming a regulation 20 % of the time), one sentence per tag about its subject
matter (usually without the regulation's name), one or two filler sentences and, in a quarter of
the documents, a distractor sentence that mentions a topic only to say it does not apply. Split
70 / 10 / 20, seeded (not stratified: multi-label).

${LICENCE}
`,
  );
}
