/**
 * Travel-desk customer messages labelled with one of eight intents. Neighbouring intents share
 * vocabulary (a cancellation that mentions money, a change that mentions cancelling, feedback
 * that sounds like a complaint), and 2 % of labels are flipped to a neighbour.
 * @module
 */
import { KIT_LABELS } from "../../lib/data/registry.ts";
import { capitalize, countsTable, distinctRows, Gen, LICENCE, writeSplits } from "./common.ts";

const CITY =
  "{Lisbon|Berlin|Madrid|Rome|Paris|Oslo|Vienna|Prague|Dublin|Athens|Porto|Krakow|Nice|Seville|Edinburgh}";
const DATE =
  "{tomorrow|next Friday|on the 14th|this weekend|on 3 May|in two weeks|on Monday|over Easter|next month}";
const TRIP =
  "{flight|hotel room|room|train ticket|tour|rental car|ferry|apartment|trip|booking|reservation}";
const PEOPLE = "{two|three|four|2|3|a family of four|two adults and a child}";
const REF = "{my booking|booking ABC123|reservation 48213|my reservation|order TX-5521|my trip}";

const BANK: Record<string, string[]> = {
  booking: [
    `I'd like to book a ${TRIP} to ${CITY} ${DATE}.`,
    `Can I reserve a ${TRIP} for ${PEOPLE} people ${DATE}?`,
    `Do you have any availability in ${CITY} ${DATE}? I want to book.`,
    `Please book me on the earliest ${TRIP} to ${CITY}.`,
    `Looking to book {a double room|two rooms|a suite} in ${CITY} for ${PEOPLE} nights.`,
    `I want to make a reservation for ${PEOPLE} ${DATE}.`,
    `Can you get me a seat on the ${TRIP} to ${CITY} ${DATE}?`,
    `{We|I} need a ${TRIP} in ${CITY} ${DATE}, what can you offer? Happy to pay now.`,
    `book ${TRIP} ${CITY} ${DATE} pls`,
    `I cancelled last time but this time I really want to book ${CITY} ${DATE}.`,
  ],
  cancellation: [
    `Please cancel ${REF}.`,
    `I need to cancel my ${TRIP} to ${CITY} ${DATE}.`,
    `We can't travel anymore, please cancel ${REF}.`,
    `How do I cancel ${REF}? {Plans changed.|Something came up.|We're not going.}`,
    `Cancel the ${TRIP} for ${PEOPLE} people, we won't need it.`,
    `I want to call off the ${TRIP} ${DATE}, is there a fee?`,
    `Please cancel ${REF}; I understand there may be no refund.`,
    `cancel ${REF} asap`,
    `Due to illness we have to cancel ${REF}.`,
  ],
  inquiry: [
    `What time is check-in at the ${CITY} hotel?`,
    `Is breakfast included in ${REF}?`,
    `How much luggage can I take on the ${TRIP} to ${CITY}?`,
    `Do you allow pets in the ${TRIP}?`,
    `What is your cancellation policy for ${TRIP}s in ${CITY}?`,
    `Is there parking near the ${CITY} {hotel|station|apartment}?`,
    `Can you tell me how far the hotel is from ${CITY} airport?`,
    `What documents do I need to travel to ${CITY}?`,
    `Does the price for ${PEOPLE} people include taxes?`,
    `How do refunds work if a ${TRIP} is cancelled by you?`,
    `Are there any direct ${TRIP}s to ${CITY} ${DATE}?`,
  ],
  complaint: [
    `The room in ${CITY} was dirty and the staff didn't care.`,
    `My ${TRIP} was {delayed six hours|overbooked|cancelled without notice} and nobody helped us.`,
    `The ${TRIP} looked nothing like the photos. Very disappointed.`,
    `I was charged twice for ${REF} and I'm angry about it.`,
    `Your call centre kept me on hold for an hour about ${REF}.`,
    `The air conditioning in ${CITY} didn't work for our whole stay.`,
    `The driver never showed up ${DATE} and we missed our ${TRIP}.`,
    `This is unacceptable: ${REF} was lost and I had to pay again.`,
    `Terrible experience in ${CITY}, {noisy room|broken shower|rude reception}.`,
  ],
  refund: [
    `When will I get my money back for ${REF}?`,
    `I cancelled ${REF} last week and the refund still hasn't arrived.`,
    `Please refund the {deposit|booking fee|extra night|difference} for ${REF}.`,
    `The ${TRIP} was cancelled by you, I want a full refund.`,
    `Can I get a refund for the unused ${TRIP} ${DATE}?`,
    `I was promised a refund of {€80|€150|£60|$200}; where is it?`,
    `Refund to my card please, not a voucher, for ${REF}.`,
    `How long do refunds take to reach my account?`,
  ],
  change_booking: [
    `Can I move ${REF} to ${DATE}?`,
    `I need to change the dates of my ${TRIP} in ${CITY}.`,
    `Please switch ${REF} to ${PEOPLE} people.`,
    `Instead of cancelling, can I change ${REF} to ${CITY}?`,
    `Could you upgrade my ${TRIP} to a {sea view|bigger room|first class|later departure}?`,
    `We'd like to arrive a day later, please amend ${REF}.`,
    `Change the name on ${REF}, my colleague is travelling instead.`,
    `Is it possible to extend my stay in ${CITY} by {one night|two nights}?`,
  ],
  account: [
    `I can't log in to my account.`,
    `How do I reset my password?`,
    `Please update the email address on my profile.`,
    `My loyalty points disappeared from my account.`,
    `I want to delete my account and my data.`,
    `The app says my account is locked after ${REF}.`,
    `How do I add a second card to my profile?`,
    `I never received the verification code to sign in.`,
  ],
  feedback: [
    `Just wanted to say the stay in ${CITY} was wonderful.`,
    `Suggestion: your app should show {the seat map|hotel photos|the total price} earlier.`,
    `The ${TRIP} was fine overall, though the breakfast could be better.`,
    `Great service on ${REF}, thank you all.`,
    `The new booking page is much easier to use.`,
    `It would be nice to have more ${TRIP} options to ${CITY}.`,
    `Staff in ${CITY} were lovely, but the wifi was slow.`,
    `Five stars for the ${CITY} team!`,
  ],
};
const NEIGHBOUR: Record<string, string[]> = {
  booking: ["change_booking", "inquiry"],
  cancellation: ["refund", "change_booking"],
  inquiry: ["booking", "refund"],
  complaint: ["feedback", "refund"],
  refund: ["cancellation", "complaint"],
  change_booking: ["booking", "cancellation"],
  account: ["inquiry", "complaint"],
  feedback: ["complaint", "inquiry"],
};
const PLAN: Record<string, number> = {
  booking: 250,
  cancellation: 200,
  inquiry: 250,
  complaint: 170,
  refund: 180,
  change_booking: 180,
  account: 140,
  feedback: 130,
};
const OPEN = ["", "", "", "Hi,", "Hello,", "Hi there,", "Good afternoon,", "Quick question:"];
const CLOSE = ["", "", "", "Thanks.", "Thank you!", "Cheers", "Regards, Ana", "thx"];

/** Writes the intent files into `files`. */
export function makeIntents(files: Map<string, string>): void {
  const g = new Gen(2002);
  const names: readonly string[] = KIT_LABELS.intents;
  const rows = distinctRows("intents", names.map((name) => PLAN[name]), (label) => {
    const body = capitalize(g.fill(g.pick(BANK[names[label]])));
    return { text: [g.pick(OPEN), body, g.pick(CLOSE)].filter(Boolean).join(" "), label };
  }, (r) => r.text);
  g.rng.shuffle(rows);
  for (const row of rows) {
    if (g.maybe(0.02)) row.label = names.indexOf(g.pick(NEIGHBOUR[names[row.label]]));
  }
  const labelsBySplit = writeSplits(files, rows, {
    seed: 22,
    path: (split) => `intents/${split}.jsonl`,
    line: (r) => JSON.stringify({ text: r.text, intent: names[r.label] }) + "\n",
  });
  files.set(
    "intents/README.md",
    `# kit/intents: travel-desk intents

Customer messages to a travel desk, each with one of eight intents: ${
      names.map((n) => `**${n}**`).join(", ")
    }.
Load with \`loadDataset("kit/intents", { split })\`.

Files: \`train.jsonl\`, \`validation.jsonl\`, \`test.jsonl\`, one JSON object per line:
\`{"text": "...", "intent": "..."}\`.

${countsTable(names, labelsBySplit)}

How it was made: templates per intent with slots (city, date, trip type, party size, booking
reference) and optional greetings and sign-offs. Neighbouring intents share words on purpose
(cancellations that mention fees, refunds that mention cancelling, feedback that criticises), and
2 % of labels were flipped to a neighbouring intent. Split 70 / 10 / 20, stratified, seeded.

${LICENCE}
`,
  );
}
