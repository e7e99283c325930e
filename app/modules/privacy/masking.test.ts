import { describe, expect, it } from "vitest";
import { maskContact, maskEmail, maskIdLast4, maskIdNumber, maskName, maskPhone } from "./masking";

describe("masking", () => {
  it("keeps the first three and last four digits of a mainland mobile", () => {
    expect(maskPhone("+8613800000001")).toBe("138****0001");
    expect(maskPhone("138 0000 0001")).toBe("138****0001");
  });

  it("keeps only the last four digits of another number", () => {
    expect(maskPhone("0379-6543210")).toBe("*******3210");
    expect(maskPhone("110")).toBe("***");
  });

  it("keeps the region and the last four characters of an ID number", () => {
    expect(maskIdNumber("41030219800101123x")).toBe("4103**********123X");
    expect(maskIdLast4("1234")).toBe("**************1234");
  });

  it("keeps only the family name of a person's name, hiding the length", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName(" 李四 ")).toBe("李**");
    expect(maskName("")).toBe("");
  });

  it("keeps the first letter and the domain of an e-mail", () => {
    expect(maskEmail("zhang.san@example.cn")).toBe("z***@example.cn");
    expect(maskEmail("broken")).toBe("***");
  });

  it("masks every detail of a contact and leaves the missing ones missing", () => {
    expect(maskContact({ phone: "+8613900001111", email: null, address: "村委会" })).toEqual({
      phone: "139****1111",
      email: null,
      address: "村委会",
    });
  });
});
