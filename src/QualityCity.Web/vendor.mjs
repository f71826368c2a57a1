// Copies the browser builds of the front-end libraries into wwwroot/lib (see package.json).
import { copyFileSync, mkdirSync } from "node:fs";

const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "wwwroot/lib/htmx/htmx.min.js"],
  ["node_modules/htmx.org/LICENSE", "wwwroot/lib/htmx/LICENSE"],
  ["node_modules/echarts/dist/echarts.min.js", "wwwroot/lib/echarts/echarts.min.js"],
  ["node_modules/echarts/LICENSE", "wwwroot/lib/echarts/LICENSE"],
];
for (const [from, to] of files) {
  mkdirSync(to.substring(0, to.lastIndexOf("/")), { recursive: true });
  copyFileSync(from, to);
  console.log(`${from} -> ${to}`);
}
