// CSS imports have no meaning in jsdom.
module.exports = {};
