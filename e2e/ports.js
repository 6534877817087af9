// Ports of the sandboxes the e2e suite starts (see playwright.config.js).
module.exports.PORTS = { app: 8790, corsApi: 8791, corsConsole: 8792 };
