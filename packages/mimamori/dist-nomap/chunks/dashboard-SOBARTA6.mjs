import {
  DASHBOARD_USAGE,
  countRequests,
  dashboardMain,
  formatCount,
  total
} from "./chunk-PRZWGDPC.mjs";
import "./chunk-PUM52R76.mjs";
import "./chunk-P4DNPQN3.mjs";
import "./chunk-2I6LHTXW.mjs";
import "./chunk-NJ6TXVNI.mjs";
import "./chunk-Q5KG2DBG.mjs";
import "./chunk-XH4PHW73.mjs";
import "./chunk-7MRTGN4J.mjs";
import "./chunk-PGIEQVW4.mjs";
export {
  DASHBOARD_USAGE,
  countRequests,
  dashboardMain,
  formatCount,
  total
};
