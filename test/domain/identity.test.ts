import { idCheckChar, idNumberProblem, maskIdNumber, maskName, maskPhone, phoneProblem } from '../../domain/validate/identity';

describe('identity checks', () => {
  it('computes the GB 11643 check character', () => {
    // The standard's own example: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toBe('身份证号校验位不正确，请核对是否输错');
    expect(idNumberProblem('110105194902310028')).toBe('身份证号中的出生日期不正确，请核对');
    expect(idNumberProblem('1101051949')).toMatch(/18位/);
  });

  it('checks phones and masks identifiers', () => {
    expect(phoneProblem('13800138000')).toBeNull();
    expect(phoneProblem('12800138000')).not.toBeNull();
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('李芳')).toBe('李*');
  });
});
