/**
 * Premise / hypothesis pairs in the style of SICK: entailment by generalising (a man → a
 * person, playing a guitar → making music, in a park → outdoors), contradiction by negation,
 * an incompatible action or place, neutral by adding what the premise does not say. Word overlap
 * does not give the answer away: negations overlap almost fully, paraphrases hardly at all.
 * @module
 */
import { KIT_LABELS } from "../../lib/data/registry.ts";
import { capitalize, countsTable, distinctRows, Gen, LICENCE, writeSplits } from "./common.ts";

interface Subject {
  text: string;
  general: string[];
  plural: boolean;
}
const SUBJECTS: Subject[] = [
  { text: "a man", general: ["a person", "someone", "a guy"], plural: false },
  { text: "a woman", general: ["a person", "someone", "a lady"], plural: false },
  { text: "a young girl", general: ["a child", "a girl", "a kid"], plural: false },
  { text: "an old man", general: ["an elderly person", "a man", "someone"], plural: false },
  { text: "a chef", general: ["a cook", "a person", "someone"], plural: false },
  { text: "a musician", general: ["a performer", "an artist", "a person"], plural: false },
  { text: "two children", general: ["some kids", "two kids", "children"], plural: true },
  {
    text: "a group of tourists",
    general: ["some people", "a group of people", "travellers"],
    plural: true,
  },
  {
    text: "three friends",
    general: ["some people", "a few people", "a group of people"],
    plural: true,
  },
  { text: "a teenager", general: ["a young person", "someone", "a kid"], plural: false },
];
const DETAIL = [
  "",
  "",
  "",
  " in a red shirt",
  " with a hat",
  " wearing glasses",
  " in a blue jacket",
];

interface Action {
  text: string;
  general: string[];
  contrary: string[];
}
const ACTIONS: Action[] = [
  {
    text: "playing a guitar",
    general: ["playing an instrument", "making music", "playing music"],
    contrary: ["sleeping", "sitting silently", "lying in bed"],
  },
  {
    text: "riding a bicycle",
    general: ["cycling", "riding a bike", "on a bike"],
    contrary: ["walking", "driving a car", "sitting on a bench"],
  },
  {
    text: "cooking pasta",
    general: ["preparing food", "cooking", "making a meal"],
    contrary: ["sleeping", "swimming", "washing a car"],
  },
  {
    text: "reading a newspaper",
    general: ["reading", "looking at a paper"],
    contrary: ["dancing", "running", "sleeping"],
  },
  {
    text: "slicing an onion",
    general: ["cutting a vegetable", "chopping an onion", "preparing food"],
    contrary: ["peeling a banana", "playing football", "sleeping"],
  },
  {
    text: "kicking a ball",
    general: ["playing with a ball", "playing football", "playing"],
    contrary: ["sitting still", "reading a book", "sleeping"],
  },
  {
    text: "running along a road",
    general: ["running", "jogging", "moving quickly"],
    contrary: ["sitting down", "standing still", "sleeping"],
  },
  {
    text: "painting a fence",
    general: ["painting", "working on a fence"],
    contrary: ["repairing a car", "sleeping", "swimming"],
  },
  {
    text: "singing into a microphone",
    general: ["singing", "performing a song"],
    contrary: ["staying silent", "sleeping", "eating lunch"],
  },
  {
    text: "swimming in a pool",
    general: ["swimming", "in the water"],
    contrary: ["sitting on a sofa", "riding a horse", "sleeping"],
  },
];
interface Place {
  text: string;
  general: string[];
  contrary: string[];
}
const PLACES: Place[] = [
  { text: "in a park", general: ["outdoors", "outside"], contrary: ["indoors", "inside a house"] },
  {
    text: "on a stage",
    general: ["in front of an audience", "on stage"],
    contrary: ["alone in a bedroom", "at home"],
  },
  { text: "in a kitchen", general: ["indoors", "inside"], contrary: ["outside", "in a field"] },
  {
    text: "on a beach",
    general: ["outdoors", "by the sea"],
    contrary: ["indoors", "in an office"],
  },
  {
    text: "in the street",
    general: ["outside", "outdoors"],
    contrary: ["indoors", "inside a building"],
  },
  { text: "", general: [""], contrary: [""] },
];
const NEUTRAL_ADD = [
  " for money",
  " for a competition",
  " for some friends",
  " at night",
  " on a Sunday",
  " because it is a holiday",
  " to impress a crowd",
  " for the first time",
];
const NEUTRAL_STATE = [
  "famous",
  "happy",
  "very tired",
  "on vacation",
  "waiting for a friend",
  "in a hurry",
];

function be(s: Subject): string {
  return s.plural ? "are" : "is";
}
function sentence(parts: string[]): string {
  return capitalize(parts.filter(Boolean).join(" ").replace(/\s+/g, " ").trim()) + ".";
}

function pair(g: Gen, label: number): [string, string] {
  const s = g.pick(SUBJECTS);
  const a = g.pick(ACTIONS);
  const p = g.pick(PLACES);
  const premise = sentence([s.text + g.pick(DETAIL), be(s), a.text, p.text]);
  const sub = () => (g.maybe(0.5) ? g.pick(s.general) : s.text);
  const name = KIT_LABELS.nli[label];
  if (name === "entailment") {
    const kind = g.int(0, 2);
    if (kind === 0) return [premise, sentence([g.pick(s.general), be(s), g.pick(a.general)])];
    if (kind === 1 && p.text) return [premise, sentence([sub(), be(s), a.text, g.pick(p.general)])];
    return [premise, sentence([sub(), be(s), g.pick(a.general), p.text])];
  }
  if (name === "contradiction") {
    const kind = g.int(0, 3);
    if (kind === 0) return [premise, sentence([s.text, be(s), "not", a.text, p.text])];
    if (kind === 1) return [premise, sentence(["nobody is", a.text, p.text])];
    if (kind === 2 || !p.text) {
      return [premise, sentence([sub(), be(s), g.pick(a.contrary), p.text])];
    }
    return [premise, sentence([sub(), be(s), a.text, g.pick(p.contrary)])];
  }
  const kind = g.int(0, 2);
  if (kind === 0) {
    return [
      premise,
      sentence([sub(), be(s), a.text, p.text]).replace(/\.$/, g.pick(NEUTRAL_ADD) + "."),
    ];
  }
  if (kind === 1) {
    const state = g.pick(NEUTRAL_STATE);
    return [premise, sentence([s.text, be(s), state])];
  }
  const other = g.pick(ACTIONS.filter((x) => x !== a));
  // A second activity that could happen at another moment: the premise does not rule it out.
  return [premise, sentence([sub(), be(s), "good at", other.general[0]])];
}

/** Writes the NLI files into `files`. */
export function makeNli(files: Map<string, string>): void {
  const g = new Gen(4004);
  const rows = distinctRows("nli", [334, 333, 333], (label) => {
    const [premise, hypothesis] = pair(g, label);
    return premise === hypothesis ? undefined : { premise, hypothesis, label };
  }, (r) => `${r.premise}\t${r.hypothesis}`);
  g.rng.shuffle(rows);
  const names = KIT_LABELS.nli;
  const labelsBySplit = writeSplits(files, rows, {
    seed: 44,
    path: (split) => `nli/${split}.tsv`,
    header: "premise\thypothesis\tlabel\n",
    line: (r) => `${r.premise}\t${r.hypothesis}\t${names[r.label]}\n`,
  });
  files.set(
    "nli/README.md",
    `# kit/nli: premise / hypothesis pairs

Sentence pairs for natural language inference, three classes: **entailment**, **neutral**,
**contradiction** (the chapter's sentence-pair task). Load with \`loadDataset("kit/nli", { split })\`;
\`inputs[i]\` is \`[premise, hypothesis]\`.

Files: \`train.tsv\`, \`validation.tsv\`, \`test.tsv\`, tab-separated with a header
\`premise hypothesis label\`.

${countsTable(names, labelsBySplit)}

How it was made: scene premises (subject, optional detail, action, place) in the style of SICK.
Entailments generalise (a man → a person, playing a guitar → making music, in a park → outdoors);
contradictions negate, swap in an incompatible action or place, or say that nobody does it;
neutral hypotheses add what the premise does not say (a purpose, a time, a state, a skill). Word
overlap alone does not decide the label. Split 70 / 10 / 20, stratified, seeded.

${LICENCE}
`,
  );
}
