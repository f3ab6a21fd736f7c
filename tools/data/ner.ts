/**
 * News-style sentences with PER / ORG / LOC / MISC entities in IOB2, CoNLL format. Some names
 * are ambiguous as in CoNLL-2003: a city name is a LOC in one sentence and part of an ORG (a club,
 * a port authority) in another, a surname may also be a place, and nationalities are MISC.
 * @module
 */
import { CONLL_TAGS } from "../../lib/data/registry.ts";
import { Gen, LICENCE, splitIndices } from "./common.ts";

const FIRST = [
  "Anna",
  "Tomas",
  "Leila",
  "Kwame",
  "Sofia",
  "Hiroshi",
  "Marta",
  "Pedro",
  "Ingrid",
  "Ravi",
  "Chen",
  "Olga",
  "Samuel",
  "Aisha",
  "Luca",
  "Fatima",
  "Jonas",
  "Elena",
  "Mateo",
  "Nadia",
  "Jordan",
  "Paris",
];
const LAST = [
  "Kowalski",
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Tanaka",
  "Ferreira",
  "Haddad",
  "Novak",
  "Brennan",
  "Castillo",
  "Mensah",
  "Virtanen",
  "Rossi",
  "Schmidt",
  "Santos",
  "Kumar",
  "Dublin",
  "Florence",
  "Lyon",
  "Adams",
];
const CITY = [
  "Lisbon",
  "Berlin",
  "Nairobi",
  "Osaka",
  "Toronto",
  "Sao Paulo",
  "New York",
  "Cape Town",
  "Valencia",
  "Porto",
  "Marseille",
  "Rotterdam",
  "Dublin",
  "Florence",
  "Lyon",
  "Manila",
  "Bogota",
  "Kuala Lumpur",
];
const COUNTRY = [
  "Portugal",
  "Germany",
  "Kenya",
  "Japan",
  "Canada",
  "Brazil",
  "South Africa",
  "Spain",
  "France",
  "the Netherlands",
  "Ireland",
  "Italy",
  "Jordan",
  "Chile",
  "New Zealand",
  "Poland",
];
const ORG_BASE = [
  "Northwind Traders",
  "Helix Bank",
  "Orbital Systems",
  "Fenwick & Cole",
  "Bluefin Logistics",
  "Aster Pharma",
  "Quarry Media",
  "Solent Energy",
  "Kestrel Airways",
  "Vireo Motors",
  "Meridian Insurance",
  "the United Nations",
  "the European Commission",
  "Reuters",
  "the World Bank",
  "Tidewater Capital",
];
const CLUB_CITY = ["Valencia", "Porto", "Marseille", "Rotterdam", "Lyon", "Dublin"];
const MISC_NAT = [
  "German",
  "Brazilian",
  "Japanese",
  "Kenyan",
  "Canadian",
  "Portuguese",
  "French",
  "Irish",
  "Italian",
  "Spanish",
  "Dutch",
  "Polish",
];
const MISC_EVENT = [
  "World Cup",
  "Olympic Games",
  "Tour de France",
  "Champions League",
  "Davis Cup",
  "Paris Marathon",
  "Cannes Film Festival",
];
const MISC_PRODUCT = ["Nimbus X2", "Falcon 7", "Aurora OS", "Model Z", "Pioneer 3000"];

type Slot = { text: string; tag: "PER" | "ORG" | "LOC" | "MISC" };

function person(g: Gen): Slot {
  return { text: g.maybe(0.25) ? g.pick(LAST) : `${g.pick(FIRST)} ${g.pick(LAST)}`, tag: "PER" };
}
function org(g: Gen): Slot {
  const r = g.rng.random();
  if (r < 0.7) return { text: g.pick(ORG_BASE), tag: "ORG" };
  if (r < 0.85) return { text: `${g.pick(CITY)} Port Authority`, tag: "ORG" };
  return {
    text: `${g.pick(CLUB_CITY)} {FC|Athletic|United}`.replace(
      /\{(.*)\}/,
      (_, a) => g.pick(a.split("|")),
    ),
    tag: "ORG",
  };
}
function loc(g: Gen): Slot {
  return { text: g.maybe(0.6) ? g.pick(CITY) : g.pick(COUNTRY), tag: "LOC" };
}
function club(g: Gen): Slot {
  return { text: g.pick(CLUB_CITY), tag: "ORG" };
}
function misc(g: Gen, kind?: "nat" | "event" | "product"): Slot {
  const k = kind ?? g.pick(["nat", "event", "product"] as const);
  const pool = k === "nat" ? MISC_NAT : k === "event" ? MISC_EVENT : MISC_PRODUCT;
  return { text: g.pick(pool), tag: "MISC" };
}

const TEMPLATES: ((g: Gen) => (string | Slot)[])[] = [
  (
    g,
  ) => [
    person(g),
    ", chief executive of",
    org(g),
    ", said on",
    g.pick(["Monday", "Tuesday", "Friday"]),
    "that the company would open an office in",
    loc(g),
    ".",
  ],
  (
    g,
  ) => [
    org(g),
    "shares rose",
    `${g.int(1, 9)}.${g.int(0, 9)}`,
    "percent in",
    loc(g),
    "after the",
    misc(g, "nat"),
    "regulator approved the deal .",
  ],
  (
    g,
  ) => [
    club(g),
    "beat",
    club(g),
    `${g.int(0, 4)}-${g.int(0, 3)}`,
    "in the",
    misc(g, "event"),
    "on Saturday .",
  ],
  (g) => [person(g), "scored twice as", org(g), "won in", loc(g), "."],
  (
    g,
  ) => ["The", misc(g, "nat"), "government said", person(g), "would visit", loc(g), "next week ."],
  (g) => [person(g), "told", org(g), "that talks in", loc(g), "had stalled ."],
  (g) => [org(g), "launched the", misc(g, "product"), "in", loc(g), "and", loc(g), "."],
  (
    g,
  ) => [
    "Police in",
    loc(g),
    "arrested",
    g.pick(["two", "three", "five"]),
    "men on",
    g.pick(["Sunday", "Wednesday"]),
    ", a spokesman said .",
  ],
  (g) => [person(g), "of", loc(g), "won the", misc(g, "event"), "ahead of", person(g), "."],
  (
    g,
  ) => [
    "Flights between",
    loc(g),
    "and",
    loc(g),
    "were cancelled after",
    org(g),
    "staff went on strike .",
  ],
  (g) => [org(g), "agreed to buy", org(g), "for", `${g.int(2, 90)}`, "million euros ."],
  (g) => ['"', "We are very happy", ",", '"', person(g), "said after arriving in", loc(g), "."],
  (g) => [person(g), ", a", misc(g, "nat"), "economist at", org(g), ", expects rates to fall ."],
  (g) => ["The", misc(g, "event"), "will be held in", loc(g), "in", `${g.int(2027, 2034)}`, "."],
  (
    g,
  ) => [loc(g), "and", loc(g), "signed a trade agreement on", g.pick(["Thursday", "Monday"]), "."],
  (g) => [org(g), "said its", misc(g, "product"), "would go on sale in", loc(g), "."],
  (
    g,
  ) => [
    "Heavy rain hit",
    loc(g),
    "on",
    g.pick(["Tuesday", "Friday"]),
    ", closing roads to",
    loc(g),
    ".",
  ],
  (g) => [person(g), "resigned as chairman of", org(g), "."],
  (g) => ["Stocks in", loc(g), "fell as", misc(g, "nat"), "investors sold bank shares ."],
  (
    g,
  ) => [
    person(g),
    "and",
    person(g),
    "will meet in",
    loc(g),
    "to discuss the",
    misc(g, "event"),
    ".",
  ],
  (g) => ["The", org(g), "report praised", loc(g), "for cutting emissions ."],
  (g) => [person(g), "joined", club(g), "from", club(g), "for an undisclosed fee ."],
  (g) => ["Prices rose", `${g.int(1, 5)}`, "percent in", loc(g), ", the statistics office said ."],
  (g) => [person(g), "spoke", misc(g, "nat"), "at the meeting in", loc(g), "."],
];

/** Writes the NER files into `files`. */
export function makeNer(files: Map<string, string>): void {
  const g = new Gen(3003);
  const sentences: { tokens: string[]; tags: string[] }[] = [];
  const seen = new Set<string>();
  while (sentences.length < 700) {
    const tokens: string[] = [];
    const tags: string[] = [];
    for (const part of g.pick(TEMPLATES)(g)) {
      if (typeof part === "string") {
        for (const w of part.split(" ")) {
          tokens.push(w);
          tags.push("O");
        }
      } else {
        // "the" before an organisation stays outside the entity, as in CoNLL-2003.
        const words = part.text.split(" ");
        if (words[0] === "the") {
          tokens.push("the");
          tags.push("O");
          words.shift();
        }
        words.forEach((w, j) => {
          tokens.push(w);
          tags.push(`${j === 0 ? "B" : "I"}-${part.tag}`);
        });
      }
    }
    const key = tokens.join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    sentences.push({ tokens, tags });
  }
  const parts = splitIndices(sentences.length, 33);
  const entityNames = ["PER", "ORG", "LOC", "MISC"];
  const spans = (split: string, e: string) =>
    parts[split as keyof typeof parts].reduce(
      (n, i) => n + sentences[i].tags.filter((t) => t === `B-${e}`).length,
      0,
    );
  const splits = Object.keys(parts);
  const table = [
    `| entity spans | ${splits.join(" | ")} |`,
    `|---|${splits.map(() => "---:|").join("")}`,
    ...entityNames.map((e) => `| ${e} | ${splits.map((s) => spans(s, e)).join(" | ")} |`),
    `| **sentences** | ${splits.map((s) => parts[s as keyof typeof parts].length).join(" | ")} |`,
  ].join("\n");
  for (const [split, idx] of Object.entries(parts)) {
    files.set(
      `ner/${split}.txt`,
      "-DOCSTART- O\n\n" +
        idx.map((i) =>
          sentences[i].tokens.map((w, j) => `${w} ${sentences[i].tags[j]}\n`).join("") + "\n"
        ).join(""),
    );
  }
  files.set(
    "ner/README.md",
    `# kit/ner: news sentences with PER / ORG / LOC / MISC

Short news-style sentences tagged in IOB2 with the CoNLL-2003 entity types and tag set
(${CONLL_TAGS.join(", ")}). Load with \`loadDataset("kit/ner", { split })\`.

Files: \`train.txt\`, \`validation.txt\`, \`test.txt\` in CoNLL format: one \`token TAG\` per line,
a blank line between sentences, a \`-DOCSTART-\` line first.

${table}

How it was made: ${TEMPLATES.length} sentence templates filled with invented people, invented
companies, real cities and countries, nationalities, events and products. Ambiguity as in
CoNLL-2003: a city is LOC in one sentence and ORG in another (football clubs named after a city,
"Lisbon Port Authority"), some surnames are place names (Dublin, Florence), "Jordan" and "Paris" are
also first names, and "the" before an organisation is outside the entity. Split 70 / 10 / 20,
seeded.

${LICENCE}
`,
  );
}
