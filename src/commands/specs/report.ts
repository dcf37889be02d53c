import type { CommandSpec } from '../command.js';

export const reportSpec: CommandSpec = {
  command: 'report',
  describe: "Write the campaign's report.html from its journal: where it stands, progress, FOC calendar, exceptions, API health (no API call)",
  examples: [
    ['$0 report --campaign acme-2026 -o acme-report.html', 'one self-contained page to mail to the project manager'],
    ['$0 report --campaign acme-2026 --tz Europe/Berlin', 'days and FOC dates counted in Berlin time'],
  ],
  builder: (yargs) =>
    yargs
      .option('campaign', { type: 'string', demandOption: true, describe: 'Campaign name (as given to submit)' })
      .option('tz', { type: 'string', describe: "Time zone for days and times on the page (IANA name; default the machine's zone)" }),
};
