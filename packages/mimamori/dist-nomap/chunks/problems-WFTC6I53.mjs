import {
  deployProblems,
  problemLine,
  problemsReport
} from "./chunk-Z6GCPU25.mjs";
import "./chunk-TCTICCER.mjs";
import "./chunk-2I6LHTXW.mjs";
import "./chunk-NJ6TXVNI.mjs";
import "./chunk-7MRTGN4J.mjs";
import "./chunk-PGIEQVW4.mjs";
export {
  deployProblems,
  problemLine,
  problemsReport
};
