# sam build runs these targets (Metadata: BuildMethod: makefile in template.yaml); each also runs with plain `make`
# offline. They use the project's own build, so `npm run build` and `sam build` produce the same bundles.
ARTIFACTS_DIR ?= build/make

build-RunnerFunction:
	node bin/mimamori.js build --only runner --out "$(ARTIFACTS_DIR)"

build-DispatcherFunction:
	node bin/mimamori.js build --only dispatcher --out "$(ARTIFACTS_DIR)"

build-AlarmsFunction:
	node bin/mimamori.js build --only alarms --out "$(ARTIFACTS_DIR)"

build-LogWatchFunction:
	node bin/mimamori.js build --only log-watch --out "$(ARTIFACTS_DIR)"

# Playwright and the Lambda Chromium (with their dependencies) → /opt/nodejs/node_modules; fonts → /opt/fonts.
build-ChromiumLayer:
	node bin/mimamori.js build --only layer --out "$(ARTIFACTS_DIR)"

.PHONY: build-RunnerFunction build-DispatcherFunction build-AlarmsFunction build-LogWatchFunction build-ChromiumLayer
