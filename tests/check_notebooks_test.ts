import { assertEquals } from "@std/assert";
import { mapLocations } from "../tools/check_notebooks.ts";

Deno.test("mapLocations: deno's locations in the generated file become notebook cell lines, the path read literally", () => {
  // `+`, `.` and parentheses in the path are literal characters, not regex syntax.
  const file = "/tmp/a+b (1)/.intro.check.ts";
  const url = "file:///tmp/a+b%20(1)/.intro.check.ts";
  const extracted = [{
    notebook: "notebooks/intro.ipynb",
    file,
    starts: [{ line: 3, cell: 2 }, { line: 7, cell: 4 }],
  }];
  const text = `error at ${url}:8:5\nerror at ${url}:1:1\nnot ours: ` +
    "file:///tmp/a+b%20(1)/.introXcheck.ts:8:5";
  assertEquals(
    mapLocations(text, extracted),
    "error at notebooks/intro.ipynb cell 4, line 2:5\n" +
      "error at notebooks/intro.ipynb (generated line 1)\n" +
      "not ours: file:///tmp/a+b%20(1)/.introXcheck.ts:8:5",
  );
});
