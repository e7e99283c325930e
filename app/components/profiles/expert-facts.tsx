import type { ReactNode } from "react";
import type { Availability } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { INDUSTRIES, countyName, localName } from "~/modules/reference/reference";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface ExpertProfileFacts {
  fields: string[];
  specialties: string;
  countiesServed: string[];
  availability: Availability;
  languages: string[];
  bio: string | null;
}

/** What an expert works on, where, when and in which languages, and their own words. */
export function ExpertFacts({ profile }: { profile: ExpertProfileFacts }) {
  const { t, locale } = useT();
  const fieldNames = INDUSTRIES.filter((industry) => profile.fields.includes(industry.code)).map((industry) =>
    localName(industry, locale),
  );
  const separator = locale === "zh" ? "、" : ", ";
  const counties = profile.countiesServed.map((code) => countyName(code, locale)).filter(Boolean);
  return (
    <section className="card">
      <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-2">
        <Fact label={t("profiles.expert.fields")}>{fieldNames.join(separator) || t("profiles.notSet")}</Fact>
        <Fact label={t("profiles.expert.specialties")}>{profile.specialties || t("profiles.notSet")}</Fact>
        <Fact label={t("profiles.expert.countiesServed")}>
          {counties.join(separator) || t("profiles.notSet")}
        </Fact>
        <Fact label={t("profiles.expert.availability")}>
          {t(`profiles.availability.${profile.availability}`)}
        </Fact>
        <Fact label={t("profiles.expert.languages")}>
          {profile.languages
            .map((code) => (code === "en" ? t("profiles.language.en") : t("profiles.language.zh")))
            .join(separator)}
        </Fact>
      </dl>
      {profile.bio ? <p className="mt-4 whitespace-pre-line">{profile.bio}</p> : null}
    </section>
  );
}
