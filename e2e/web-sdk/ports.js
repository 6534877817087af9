// The sandbox of the web SDK suite (playwright.websdk.config.js): 8950 by
// default, away from the main suite's 8790-8799 and the deploy suite's
// 8900-8949. E2E_SDK_PORT moves it.
module.exports.SDK_PORT = Number(process.env.E2E_SDK_PORT || 8950);
