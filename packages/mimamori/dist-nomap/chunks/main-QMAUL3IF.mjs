import {
  BUILD_USAGE,
  DEFAULT_BUILD_DIR,
  buildMain,
  notBuiltReport,
  runBuild
} from "./chunk-JCJTGPDG.mjs";
import "./chunk-UJ7GGTYF.mjs";
import "./chunk-Z6GCPU25.mjs";
import "./chunk-TCTICCER.mjs";
import "./chunk-3HTYQUIR.mjs";
import "./chunk-2I6LHTXW.mjs";
import "./chunk-NJ6TXVNI.mjs";
import "./chunk-Q5KG2DBG.mjs";
import "./chunk-XH4PHW73.mjs";
import "./chunk-7MRTGN4J.mjs";
import "./chunk-PGIEQVW4.mjs";
export {
  BUILD_USAGE,
  DEFAULT_BUILD_DIR,
  buildMain,
  notBuiltReport,
  runBuild
};
