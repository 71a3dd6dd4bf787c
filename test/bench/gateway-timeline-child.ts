// Runs one of the gateway bench's children (TIMELINE_CHILD) with its marks recorded, and hands
// them over (and forgets them) when the parent sends 'marks'.
import { recordMarks } from './gateway-timeline-marks';

const marks = recordMarks(process.env.TIMELINE_ROLE ?? 'child');
process.on('message', (m) => {
  if (m === 'marks') process.send?.({ marks: marks.splice(0) });
});
require(`./${process.env.TIMELINE_CHILD}`);
