// Prints the colour the pages give each code named on the command line, as JSON ({"IND": "#d55e00", …}), for a C# test
// (tests/DiploSim.Server.Tests/DebriefTests.cs) to compare with CountryColours.Of, the debrief's.
// Run by that test: vite-node test/country-colours.ts CODE…
import { countryColour } from '../src/i18n';

console.log(JSON.stringify(Object.fromEntries(process.argv.slice(2).map((code) => [code, countryColour(code)]))));
