/** Fired with the ID number when a report was filed on the spot; the checkpoint page verifies it. */
export const REPORTED_EVENT = 'checkpoint:reported';
