import { ImportError } from "../../src/core/index.js";

/** Runs `fn` and returns the ImportError it throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}
