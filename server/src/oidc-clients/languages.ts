/**
 * The language codes eSignet accepts as `clientNameLangMap` keys: ISO 639-2/T codes that
 * `Locale.getISO3Language()` returns for some locale of its JVM (docs/oidc-clients.md, "Names per
 * language"). Generated from OpenJDK 17's available locales; B-codes such as `fre` are not in it,
 * exactly as eSignet refuses them.
 */
export const ESIGNET_LANGUAGES: ReadonlySet<string> = new Set(
  'afr agq aka amh ara asa asm ast aze bam bas bel bem ben bez bod bos bre brx bul cat ccp ceb ces cgg che chr ckb cor cym dan dav deu dje doi dsb dua dyo dzo ebu ell eng epo est eus ewe ewo fao fas fil fin fra fry ful fur gla gle glg glv gsw guj guz hau haw heb hin hrv hsb hun hye ibo iii ina ind isl ita jav jgo jmc jpn kab kal kam kan kas kat kaz kde kea khm khq kik kin kir kkj kln kok kor ksb ksf ksh kur lag lao lav lin lit lkt lrc ltz lub lug luo luy mai mal mar mas mer mfe mgh mgo mkd mlg mlt mni mon mri msa mua mya mzn naq nde nds nep nld nmg nnh nno nob nor nus nyn ori orm oss pan pcm pol por pus que rof roh ron run rus rwk sag sah san saq sat sbp seh ses shi sin slk slv sme smn sna snd som spa sqi srp sun swa swe tam tat tel teo tgk tha tir ton tuk tur twq tzm uig ukr urd uzb vai vie vun wae wol xho xog yav yid yor yue zgh zho zul'.split(
    ' ',
  ),
);
