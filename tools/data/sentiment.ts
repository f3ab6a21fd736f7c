/**
 * Customer-support messages labelled complaint / praise / neutral. Messages mix cues on
 * purpose (thanks inside a complaint, a grumble inside praise, polite neutral questions about a
 * problem), and 2 % of labels are flipped to a neighbouring class as annotators would disagree,
 * so no keyword rule separates the classes.
 * @module
 */
import { KIT_LABELS } from "../../lib/data/registry.ts";
import {
  capitalize,
  countsTable,
  csvField,
  distinctRows,
  Gen,
  LICENCE,
  writeSplits,
} from "./common.ts";

const THINGS = [
  "my order",
  "the delivery",
  "your app",
  "the mobile app",
  "the website",
  "the checkout page",
  "my refund",
  "the replacement phone",
  "my subscription",
  "the invoice",
  "the headphones I bought",
  "the coffee machine",
  "my parcel",
  "the installation",
  "the new router",
  "the loyalty points",
  "the booking",
  "the live chat",
  "the return label",
  "my account",
];
const AGENTS = [
  "the agent",
  "your colleague",
  "the support team",
  "the driver",
  "the technician",
  "Maria from support",
  "the person on the phone",
  "the store manager",
];
const OPEN = [
  "",
  "",
  "",
  "Hi,",
  "Hello,",
  "Hi team,",
  "Dear support,",
  "Hey,",
  "Good morning,",
  "To whom it may concern,",
];
const CLOSE = [
  "",
  "",
  "",
  "Thanks.",
  "Regards.",
  "Cheers.",
  "Best, Sam",
  "Kind regards, J. Patel",
  "Thank you.",
  "!!",
];

const COMPLAINT = [
  "{the|} {THING} {still hasn't arrived|never arrived|is two weeks late|arrived damaged|was missing a part} and nobody {answers|replies|gets back to me}.",
  "I have been waiting {three|five|ten|twelve} days for {THING} and I am {fed up|really annoyed|furious|losing patience}.",
  "{THING} {keeps crashing|stopped working after a day|is broken again|won't turn on|charged me twice}.",
  "This is the {third|fourth|second} time I contact you about {THING}. {Unacceptable.|Ridiculous.|Sort it out.|Very disappointing.}",
  "{AGENT} was {rude|dismissive|unhelpful} and hung up on me.",
  "You charged me {twice|the wrong amount|for something I returned} and {THING} is still not fixed.",
  "Thanks for the quick reply, but {THING} is still {broken|missing|not working}, so no, the issue is not resolved.",
  "I appreciate the apology, however I {still have not received|never got} {THING}.",
  "{THING} was fine at first, but now it {doesn't work|has stopped syncing|is useless}.",
  "Not happy with {THING} at all. {I want this fixed.|I expect a proper answer.|Please escalate.}",
  "Why is it so hard to get {THING} sorted? {I've been on hold for an hour.|Every chat ends with no answer.}",
  "I was told {THING} would be ready {yesterday|on Monday|last week}. It isn't.",
  "Worst experience {ever|I've had with an online shop|in years}: {THING} {arrived late|was wrong|was cancelled without notice}.",
  "great, {THING} broke again. just great.",
  "So {THING} is {late|broken|wrong} again, lovely. {Third time this month.|Brilliant service.}",
  "I would not recommend you to anyone after what happened with {THING}.",
  "Nobody told me {THING} would take {a month|six weeks|this long}.",
];
const PRAISE = [
  "{AGENT} was {fantastic|so helpful|patient and kind|brilliant} and sorted {THING} in minutes.",
  "{THING} arrived {a day early|on time|perfectly packed} and works {perfectly|great|like a charm}.",
  "Just wanted to say thank you, {THING} is {exactly what I needed|brilliant|working perfectly now}.",
  "I was {annoyed|worried|frustrated} at first, but {AGENT} fixed {THING} {quickly|the same day|without any fuss}. {Great service!|Much appreciated.|Thank you!}",
  "Really impressed with how you handled {THING}.",
  "{Five stars|10/10|Top marks} for {AGENT}, {THING} is finally sorted.",
  "Couldn't be happier with {THING}.",
  "No complaints at all, {THING} {works great|was seamless|was easy}.",
  "{THING} took a while, but {AGENT} kept me updated the whole time and it was worth the wait.",
  "Honestly not bad at all, {THING} was {easier than expected|quick|painless}.",
  "Thanks to {AGENT}, I got {THING} sorted without any hassle. You've kept a customer.",
  "The new version of {THING} is {so much better|a big improvement|lovely}, well done.",
  "Love {THING}, {will order again|already recommended you to friends|best purchase this year}.",
  "Quick shout-out to {AGENT} for going above and beyond with {THING}.",
];
const NEUTRAL = [
  "Can you tell me when {THING} will be {delivered|ready|processed}?",
  "I'd like to {update the address on|change the email for|add a second card to} {THING}.",
  "Just checking the status of {THING}, order number {NUM}.",
  "What are your opening hours {on Sunday|during the holidays|this week}?",
  "Is it possible to {pick up|collect|return} {THING} {in store|at a locker|next week}?",
  "Please send me a copy of the invoice for {THING}.",
  "Do you ship to {Ireland|Canada|Norway|Portugal}?",
  "I received the email about {THING}. {Noted.|OK.|Thanks for letting me know.}",
  "My order number is {NUM}, {AGENT} asked me to send it here.",
  "Could you confirm whether {THING} includes {a warranty|a charger|installation}?",
  "{THING} was delivered {today|this morning|yesterday}. I have a question about the manual.",
  "If {THING} is late, what happens with the refund?",
  "I'll wait for the technician then. {Tuesday works.|Any time after 2pm is fine.}",
  "Fine, I'll wait for the email.",
  "I'm not sure whether {THING} was charged yet, can you check?",
  "Which plan is {THING} on at the moment?",
];

function message(g: Gen, templates: string[]): string {
  const body = g.fill(
    g.pick(templates)
      .replaceAll("{THING}", `{${THINGS.join("|")}}`)
      .replaceAll("{AGENT}", `{${AGENTS.join("|")}}`)
      .replaceAll("{NUM}", String(g.int(100000, 999999))),
  );
  const text = capitalize(
    [g.pick(OPEN), capitalize(body), g.pick(CLOSE)].filter(Boolean).join(" "),
  );
  return g.maybe(0.08) ? text.toLowerCase() : text;
}

/** Writes the sentiment files into `files` (path → content). */
export function makeSentiment(files: Map<string, string>): void {
  const g = new Gen(1001);
  const names = KIT_LABELS.sentiment;
  const plan = [600, 450, 450];
  const banks = [COMPLAINT, PRAISE, NEUTRAL];
  const rows = distinctRows(
    "sentiment",
    plan,
    (label) => ({ text: message(g, banks[label]), label }),
    (r) => r.text,
  );
  g.rng.shuffle(rows);
  // Annotator disagreement: complaint <-> neutral and praise <-> neutral.
  for (const row of rows) {
    if (g.maybe(0.02)) row.label = row.label === 2 ? g.pick([0, 1]) : 2;
  }
  const labelsBySplit = writeSplits(files, rows, {
    seed: 11,
    path: (split) => `sentiment/${split}.csv`,
    header: "text,label\n",
    line: (r) => `${csvField(r.text)},${names[r.label]}\n`,
  });
  files.set(
    "sentiment/README.md",
    `# kit/sentiment: customer-support sentiment

Short customer-support messages labelled **complaint**, **praise** or **neutral** (questions and
requests). Load with \`loadDataset("kit/sentiment", { split })\`.

Files: \`train.csv\`, \`validation.csv\`, \`test.csv\` with a header \`text,label\` (RFC 4180 CSV).

${countsTable(names, labelsBySplit)}

How it was made: templates with slots (product, agent, numbers), openers and sign-offs, 8 %
lower-cased. Cues are mixed on purpose (thanks inside a complaint, "not bad at all" as praise,
neutral questions about a late order), and 2 % of labels were flipped to a neighbouring class to
mimic annotator disagreement, so a classifier should not reach 100 %. Split 70 / 10 / 20,
stratified, seeded.

${LICENCE}
`,
  );
}
