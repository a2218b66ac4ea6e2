"""The words the demo's tests expect: the seed report's, and the demo story's own.

Written out here rather than read from demo/history.json, so that the tests check what
the file says against the seed (the progress report to Council 2024, header and sections
1 and 3 word for word).
"""

MANDATE = (
    "The Expert Group on the International Telecommunication Regulations (EG-ITRs), open to "
    "all Member States and Sector Members, was reconvened by Council Resolution 1379 (Mod. "
    "2023) to continue consideration of issues relating to the ITRs, including their review, "
    "with the Terms of Reference shown in Annex 1 of this resolution."
)
TERMS_OF_REFERENCE_INTRO = (
    "The terms of reference for the EG-ITRs, specified in Council Resolution 1379 (Mod. 2023), "
    "are to continue to review the ITRs. Taking into consideration the work of the previous "
    "two Expert Groups, the review may consider, among others:"
)
TERMS_OF_REFERENCE = [
    "new trends in telecommunications/ICT and emerging issues in international "
    "telecommunications/ICT environment which may impact the ITRs",
    "empirical data on the current use of the ITRs by operating agencies and/or "
    "administrations and the proportion of global telecommunication services which now rely "
    "on the ITRs",
    "the relevance of the ITRs which “consist of high-level guiding principles” in the "
    "current telecommunication/ICT environment",
]
PURPOSE = (
    "This report summarizes the main results of the first and second meetings of the EG-ITRs, "
    "held on 16 October 2023 and 29-30 January 2024 respectively, in line with Resolution 146 "
    "(Rev. Bucharest, 2022) of the Plenipotentiary Conference and Council Resolutions 1379 "
    "(Mod. 2023)."
)
ACTION_REQUIRED = "The Council is invited to note the report."
STRATEGIC_PLAN_LINKS = (
    "Convening platform; development and application of the ITU Administrative Regulations."
)
FINANCIAL_IMPLICATIONS = "Within the allocated budget 2024-2025."
CONCLUSIONS = (
    "The Council is invited to note this progress report of the EG-ITRs.\n\n"
    "On behalf of EG-ITRs, the Chair extends her personal thanks to all the ITU Member States "
    "who made contributions and participated in the work of the Group, the Vice-Chairs, the "
    "Secretary-General, Deputy Secretary-General, Directors of TSB, BR, and BDT, and the "
    "General Secretariat for their efficient assistance during the first and second meeting "
    "of the EG-ITRs."
)
NO_CONSENSUS = (
    "The Group deliberated on the contributions received, with the discussion focusing on the "
    "work plan proposals."
)
# Seed §2.4: what follows "approved by the meeting with the understanding that".
UNDERSTANDING = (
    "it provides guidance for the work of the Group and does not limit any members to submit "
    "contributions in line with Resolution 146 (Rev. Bucharest, 2022) and Council Resolution "
    "1379 (Amended 2023)"
)
STATEMENT_TITLE = "Statement by the Russian Federation on the work plan of the EG-ITRs"
STATEMENT_TEXT = (
    "The Russian Federation made a statement concerning the understanding with which the work "
    "plan of the EG-ITRs was approved at the second meeting. The statement is annexed to the "
    "report of the second meeting as Annex 2."
)
