// Semantic checks of a one-click report that a schema cannot express: ID checksum, phone, the order
// of dates. Pure: the app runs them while the person types, the server runs them before it writes.
import type { LocalDate, ReportInput } from '../../types/model';
import { addDays, isLocalDate } from '../time';
import { idNumberProblem, phoneProblem } from './identity';
import { nameProblem } from './names';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * How far back an arrival may be reported, in the built-in policy (limits.reportAgeDays of
 * config/policy/hechi.json; a test keeps them equal). The form uses it; the server passes the limit
 * of the policy in force.
 */
export const MAX_ARRIVAL_AGE_DAYS = 60;
/** The built-in policy's itinerary window (itineraryWindowDays; the same test keeps them equal), until the form has the version in force's. */
export const ITINERARY_WINDOW_DAYS = 14;

/** `phoneOptional`: a family member's report (elders and children without a phone may leave it empty). */
export function reportProblems(
  input: Omit<ReportInput, 'requestId'>,
  today: LocalDate,
  opts: { phoneOptional?: boolean; maxAgeDays?: number } = {},
): FieldProblem[] {
  const maxAge = opts.maxAgeDays ?? MAX_ARRIVAL_AGE_DAYS;
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  const name = nameProblem(input.name.trim());
  if (name) add('name', name);
  const idProblem = idNumberProblem(input.idNumber);
  if (idProblem) add('idNumber', idProblem);
  const phone = opts.phoneOptional && !input.phone.trim() ? null : phoneProblem(input.phone);
  if (phone) add('phone', phone);

  if (!isLocalDate(input.arrivalDate)) add('arrivalDate', '请选择抵河日期');
  else if (input.arrivalDate > today) add('arrivalDate', '抵河日期不能晚于今天');
  else if (input.arrivalDate < addDays(today, -maxAge)) {
    add('arrivalDate', `抵河日期不能早于${maxAge}天前，更早抵河的请联系社区`);
  }

  if (input.itinerary.length === 0) add('itinerary', '请至少填写出发地');
  let previous: LocalDate | null = null;
  input.itinerary.forEach((stop, i) => {
    const where = i === 0 ? '出发地' : `第${i}个途经地`;
    if (!stop.townCode) add(`itinerary.${i}.townCode`, `请选择${where}（到乡镇/街道）`);
    if (!isLocalDate(stop.departDate)) {
      add(`itinerary.${i}.departDate`, `请选择离开${where}的日期`);
      return;
    }
    if (isLocalDate(input.arrivalDate) && stop.departDate > input.arrivalDate) {
      add(`itinerary.${i}.departDate`, `离开${where}的日期不能晚于抵河日期`);
    } else if (previous && stop.departDate < previous) {
      add(`itinerary.${i}.departDate`, `离开${where}的日期不能早于离开上一地点的日期`);
    }
    previous = stop.departDate;
  });

  if (input.transportNo && !/^[A-Za-z0-9]{2,10}$/.test(input.transportNo)) {
    add('transportNo', '车次/航班号只能包含字母和数字，如G1234、CZ3456');
  }
  if (!input.destination.villageCode) add('destination.villageCode', '请选择河池的目的地（到社区/村）');
  if (input.destination.address.trim().length < 2) add('destination.address', '请填写详细地址（小区、楼栋、门牌号）');
  return problems;
}
