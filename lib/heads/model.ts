/**
 * A classifier: one body and one or more named heads, each with its labels and problem type —
 * `AutoModelForSequenceClassification` / `…ForTokenClassification` for one head, the shared-body
 * multi-task model of Exercise 14.6.4 for several.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { Random } from "../random.ts";
import type { Body, BodyLevel, ForwardOptions } from "../encoders/body.ts";
import { ClassificationHead, type HeadActivation } from "./classification_head.ts";
import { checkProblemType, type LabelMaps, labelMaps, type ProblemType } from "./labels.ts";

/** The name of the only head of a single-task model. */
export const DEFAULT_TASK = "default";

/** One task's labels and head shape. */
export interface TaskConfig {
  /** Label names in id order, or an `id2label` object. */
  labels: string[] | Record<number, string>;
  /** Default `"single_label_classification"`. */
  problemType?: ProblemType;
  /** Dropout before each linear layer of the head (default 0.1). */
  dropout?: number;
  /** Hidden MLP layer sizes (default `[]`: a linear head). */
  hiddenSizes?: number[];
  /** MLP activation (default `"tanh"`). */
  activation?: HeadActivation;
}

/** A head with its label maps. */
export interface TaskHead {
  /** The head. */
  head: ClassificationHead;
  /** Index → label name. */
  id2label: Record<number, string>;
  /** Label name → index. */
  label2id: Record<string, number>;
  /** Softmax over labels, one sigmoid per label, or a real output (regression). */
  problemType: ProblemType;
  /** Number of labels. */
  numLabels: number;
}

/** Trainable and frozen scalar parameters. */
export interface ParameterCounts {
  /** Parameters the optimizer updates. */
  trainable: number;
  /** Parameters that stay fixed (a frozen encoder, frozen parts of the body). */
  frozen: number;
  /** Their sum. */
  total: number;
}

/** The JSON-able description a checkpoint stores. */
export interface ModelConfig {
  /** The body's (encoder's) name. */
  encoderName: string;
  /** Body output size. */
  hiddenSize: number;
  /** Pooled or per-token classification. */
  level: BodyLevel;
  /** Every task's labels and head configuration. */
  tasks: Record<string, Required<TaskConfig> & { labels: string[] }>;
}

/**
 * A body plus named heads. Single-task models expose `id2label`, `label2id`, `problemType`
 * directly; multi-task models through `heads[task]`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createClassifier } from "./model.ts";
 * const model = createClassifier(featureBody({ name: "toy", hiddenSize: 4 }), {
 *   labels: ["negative", "positive"],
 * });
 * const logits = model.forward([new Float32Array(4)]);
 * assert(logits.shape.join() === "1,2" && model.label2id.positive === 1);
 * assert(model.parameterCounts().trainable === 10);
 * logits.dispose();
 * model.dispose();
 * ```
 */
export class ClassifierModel<I> {
  /** The heads by task name. */
  readonly heads: Record<string, TaskHead>;
  readonly #taskConfigs: Record<string, Required<TaskConfig> & { labels: string[] }>;

  /** Builds heads for `tasks` on `body`; `seed` fixes their initial weights. */
  constructor(readonly body: Body<I>, tasks: Record<string, TaskConfig>, seed = 42) {
    const names = Object.keys(tasks);
    if (names.length === 0) {
      throw new ArgumentError(
        "tasks",
        tasks,
        "a model needs at least one task",
        'pass e.g. { labels: ["neg", "pos"] }',
      );
    }
    // A single-task model's config is the caller's own argument (createClassifier's `task`):
    // name its fields bare, as the head's own checks (dropout…) do; a task of several by path.
    const at = (name: string) =>
      names.length === 1 && name === DEFAULT_TASK ? "" : `tasks.${name}.`;
    const rng = new Random(seed);
    this.heads = {};
    this.#taskConfigs = {};
    for (const name of names) {
      const t = tasks[name];
      let maps: LabelMaps;
      try {
        maps = labelMaps(t?.labels);
      } catch (e) {
        if (!(e instanceof ArgumentError)) throw e;
        throw new ArgumentError(`${at(name)}${e.argument}`, e.value, e.problem, e.fix);
      }
      const { id2label, label2id } = maps;
      const problemType = checkProblemType(t.problemType ?? "single_label_classification");
      if (problemType === "multi_label_classification" && body.level === "token") {
        throw new ArgumentError(
          `${at(name)}problemType`,
          problemType,
          "multi-label classification of tokens is not supported",
          "use single-label token classification",
        );
      }
      const numLabels = Object.keys(id2label).length;
      if (problemType === "regression" && (numLabels !== 1 || body.level === "token")) {
        throw new ArgumentError(
          `${at(name)}labels`,
          t.labels,
          `regression takes one label on a pooled body, got ${numLabels} labels on a ${body.level} body`,
          'give the score\'s name, e.g. ["relatedness"]',
        );
      }
      const head = new ClassificationHead({
        hiddenSize: body.hiddenSize,
        numLabels,
        dropout: t.dropout,
        hiddenSizes: t.hiddenSizes,
        activation: t.activation,
      }, rng);
      this.heads[name] = { head, id2label, label2id, problemType, numLabels };
      const { dropout, hiddenSizes, activation } = head.config;
      this.#taskConfigs[name] = {
        labels: Object.values(id2label),
        problemType,
        dropout,
        hiddenSizes,
        activation,
      };
    }
  }

  /** Task names, in creation order. */
  get tasks(): string[] {
    return Object.keys(this.heads);
  }

  /** Pooled or per-token. */
  get level(): BodyLevel {
    return this.body.level;
  }

  /** Index → label name (single-task models). */
  get id2label(): Record<number, string> {
    return this.#only().id2label;
  }

  /** Label name → index (single-task models). */
  get label2id(): Record<string, number> {
    return this.#only().label2id;
  }

  /** The problem type (single-task models). */
  get problemType(): ProblemType {
    return this.#only().problemType;
  }

  /** The head of `task` (default: the only one). */
  task(task?: string): TaskHead {
    if (task === undefined) return this.#only();
    const h = this.heads[task];
    if (!h) {
      throw new ArgumentError(
        "task",
        task,
        "is not a task of the model",
        `use one of ${this.tasks.join(", ")}`,
      );
    }
    return h;
  }

  /** Logits of `task`'s head: `[batch, numLabels]` or `[batch, tokens, numLabels]`. */
  forward(inputs: I[], options: ForwardOptions & { task?: string } = {}): tf.Tensor {
    const { head } = this.task(options.task);
    return tf.tidy(() => head.apply(this.body.forward(inputs, options), options));
  }

  /** Head variables (all trainable), by task. */
  headVariables(task?: string): tf.Variable[] {
    const names = task === undefined ? this.tasks : [task];
    return names.flatMap((t) => [...this.task(t).head.namedVariables().values()]);
  }

  /**
   * Every variable to checkpoint, by name: `body.*`, then the heads (`classifier.*` for a
   * single-task model, `heads.<task>.classifier.*` otherwise).
   */
  namedVariables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const [k, v] of this.body.namedVariables?.() ?? []) out.set(`body.${k}`, v);
    const single = this.tasks.length === 1 && this.tasks[0] === DEFAULT_TASK;
    for (const t of this.tasks) {
      for (const [k, v] of this.heads[t].head.namedVariables()) {
        out.set(single ? k : `heads.${t}.${k}`, v);
      }
    }
    return out;
  }

  /** Trainable and frozen parameter counts (HF's `num_parameters(only_trainable=…)`). */
  parameterCounts(): ParameterCounts {
    const trainableSet = new Set([...this.body.trainableVariables(), ...this.headVariables()]);
    let trainable = 0;
    for (const v of trainableSet) trainable += v.size;
    // A body's own variables are counted when it lists them; otherwise its reported size.
    const named = this.body.namedVariables?.();
    let frozen = named ? 0 : this.body.numFrozenParameters?.() ?? 0;
    for (const v of named?.values() ?? []) {
      if (!trainableSet.has(v)) frozen += v.size;
    }
    return { trainable, frozen, total: trainable + frozen };
  }

  /** The description a checkpoint stores beside the weights. */
  config(): ModelConfig {
    return {
      encoderName: this.body.name,
      hiddenSize: this.body.hiddenSize,
      level: this.body.level,
      tasks: structuredClone(this.#taskConfigs),
    };
  }

  /** Frees the heads (the body belongs to its creator). */
  dispose(): void {
    for (const t of this.tasks) this.heads[t].head.dispose();
  }

  #only(): TaskHead {
    if (this.tasks.length !== 1) {
      throw new ArgumentError(
        "task",
        undefined,
        `the model has ${this.tasks.length} tasks (${this.tasks.join(", ")})`,
        "use model.heads[task] or pass { task }",
      );
    }
    return this.heads[this.tasks[0]];
  }
}

/**
 * A single-task classifier: `body` → dropout → linear (or MLP) → logits.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { tokenFeatureBody } from "../encoders/body.ts";
 * import { createClassifier } from "./model.ts";
 * const ner = createClassifier(tokenFeatureBody({ name: "toy", hiddenSize: 3 }), {
 *   labels: ["O", "B-PER", "I-PER"],
 * });
 * assert(ner.level === "token" && ner.id2label[1] === "B-PER");
 * ner.dispose();
 * ```
 */
export function createClassifier<I>(
  body: Body<I>,
  task: TaskConfig,
  { seed = 42 }: { seed?: number } = {},
): ClassifierModel<I> {
  return new ClassifierModel(body, { [DEFAULT_TASK]: task }, seed);
}

/**
 * A multi-task model (Exercise 14.6.4): one shared body, one head per named task.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createMultiTaskModel } from "./model.ts";
 * const model = createMultiTaskModel(featureBody({ name: "toy", hiddenSize: 4 }), {
 *   sentiment: { labels: ["negative", "neutral", "positive"] },
 *   topic: { labels: ["world", "sports", "business", "tech"] },
 * });
 * const logits = model.forward([new Float32Array(4)], { task: "topic" });
 * assert(logits.shape.join() === "1,4");
 * logits.dispose();
 * model.dispose();
 * ```
 */
export function createMultiTaskModel<I>(
  body: Body<I>,
  tasks: Record<string, TaskConfig>,
  { seed = 42 }: { seed?: number } = {},
): ClassifierModel<I> {
  if (DEFAULT_TASK in tasks && Object.keys(tasks).length > 1) {
    throw new ArgumentError(
      "tasks",
      Object.keys(tasks),
      `"${DEFAULT_TASK}" is reserved for single-task models`,
      "rename that task",
    );
  }
  return new ClassifierModel(body, tasks, seed);
}
