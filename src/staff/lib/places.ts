// Hechi as the root of the staff place pickers: a jurisdiction or a contact is picked by name, from
// the whole city down to one community — never typed as a raw code.
import type { Division } from '../../../types/model';

export const HECHI: Division = { code: '4512', name: '河池市', level: 2, fullName: '广西壮族自治区河池市', hasChildren: true };
