"""Accessibility statement: how accessible KIM Pathways is, what is not, and what to do about it."""

import streamlit as st

from ui import context

# The date the statement was first prepared, and the date it was last reviewed against the app
# and the app last tested: change REVIEWED_ON with each review.
PREPARED_ON = "24 November 2026"
REVIEWED_ON = "3 December 2026"

context.start_page("Accessibility statement for KIM Pathways")
st.markdown(
    "This accessibility statement applies to KIM Pathways, the app people in the Government "
    "Knowledge and Information Management (KIM) profession use to assess themselves against the KIM "
    "Professional Skills Framework and plan their development."
)
st.markdown(
    "We want as many people as possible to be able to use this app. For example, that means you "
    "should be able to:"
)
st.markdown(
    """
- zoom in up to 200% without the text spilling off the screen
- use it on a screen 390 pixels wide, such as a phone, without scrolling sideways (wide tables
  and grids of indicators scroll sideways inside their own frame)
- get through the main journey (create a profile, rate yourself, see your gaps, plan, download
  your plan) using just a keyboard
- see where the keyboard focus is: whatever has the focus is outlined in a solid dark line, and
  it is never hidden under the bar at the top of the page
- hear the same words a control shows: labels are plain text, without formatting marks
- read every chart in words: each chart has a text alternative and a table with the same figures
  beside it
- download your plan, records and portfolios as Word or Markdown files, which you can read with
  your own tools
"""
)
st.markdown(
    "[AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use "
    "if you have a disability."
)

st.header("How accessible this app is")
st.markdown("We know some parts of this app are not fully accessible:")
st.markdown(
    """
- the list of pages in the sidebar is not marked up as a proper list, so a screen reader may
  announce the number of pages in each section wrongly
- charts are pictures: a screen reader reads their text alternative, then a description of
  each axis, bar and point, which is long to listen to; the table beside each chart is easier
- tables, and above all the tables you can edit (such as the items of your plan, the grade
  alignment in Settings and the agenda of a conversation), are drawn as a grid that screen
  readers describe only in part: the grid has no name, a screen reader is given only the columns
  in view, dates are read as 2027-03-31 although the grid shows 31/03/2027, and the box that opens
  to change a cell has no label
- the file upload areas carry a label on an element that is not announced; the Upload button
  beside each one is labelled and works with a keyboard
- if the first page you open is not the home page (for example from a bookmark), a "Page not
  found" message may appear over the page you asked for, although that page has loaded
- after you press a button the keyboard focus usually stays on it, but where the button goes
  away (for example Create profile, which makes way for your new profile, or a button that deletes
  something), nothing has the focus until you press Tab, which goes on from where the button was
- the PDF files are only partly tagged: they have a title, a language and bookmarks for each
  section, and the chart in a plan has a text alternative, but their headings, paragraphs and
  tables are not tagged, so a screen reader may read them in the wrong order or skip them;
  download the Word version instead
"""
)

st.header("What to do if you cannot use this app")
st.markdown(
    """
If you cannot use part of this app:

- **Every chart has a table.** The table beside or below each chart gives the same figures in
  text; the text alternative of the chart says where it is.
- **Every plan and record can be downloaded as Word or Markdown.** On **My plan**, *Word, to
  edit* and *Markdown, as plain text* give your whole plan. Conversation records and portfolios
  have Word and Markdown downloads too.
- **Editable tables have other ways in.** You can add plan items with the form on **My plan**,
  and download your plan as a CSV file to read in a spreadsheet.
- **Ask for help.** Contact the team that runs KIM Pathways in your organisation, or your KIM
  profession lead, and say what you need, for example your plan in another format.
"""
)

st.header("Reporting accessibility problems with this app")
st.markdown(
    "We are always looking to improve the accessibility of this app. If you find any problems not "
    "listed on this page, or think we are not meeting accessibility requirements, tell your KIM "
    "profession lead or the team that runs this installation of KIM Pathways in your organisation. "
    "Say which page, what you were trying to do, and the browser and any assistive technology you "
    "use."
)

st.header("Enforcement procedure")
st.markdown(
    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
    "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "
    "\u2018accessibility regulations\u2019). If you are not happy with how we respond to your "
    "complaint, contact the [Equality Advisory and Support Service (EASS)]"
    "(https://www.equalityadvisoryservice.com/)."
)
st.markdown(
    "If you are in Northern Ireland and are not happy with how we respond to your complaint, you "
    "can contact the [Equality Commission for Northern Ireland (ECNI)](https://www.equalityni.org/Home), "
    "which is responsible for enforcing the accessibility regulations there."
)

st.header("Technical information about this app's accessibility")
st.markdown(
    "The KIM profession is committed to making this app accessible, in accordance with the Public "
    "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018."
)

st.subheader("Compliance status")
st.markdown(
    "This app is **partially compliant** with the [Web Content Accessibility Guidelines version 2.2]"
    "(https://www.w3.org/TR/WCAG22/) AA standard, due to the non-compliances listed below."
)

st.header("Non-accessible content")
st.markdown("The content listed below is non-accessible for the following reasons.")

st.subheader("Non-compliance with the accessibility regulations")
st.markdown(
    """
The app is built with Streamlit, and these problems come from Streamlit's own parts, which the app
cannot change. The app's automated checks allow the problems they find in Streamlit's page list by
name and by element, so that any new problem still fails them, and they tell us when Streamlit has
fixed one, so that we can remove it from this list.

- **Sidebar navigation list.** Streamlit puts the section names of the page list inside the list
  itself, so the list holds items that are not list items (automated checks report *list* and
  *listitem*). A screen reader may announce the list wrongly. This fails WCAG 2.2 success
  criterion 1.3.1 (Info and Relationships).
- **Editable tables.** Streamlit draws tables, editable or not, as a grid on a canvas, with a
  hidden copy of the grid for screen readers. You can move around it and edit it with a keyboard,
  and the app outlines the whole grid while it has the focus, but the hidden copy has no name, holds
  only the columns in view, gives dates in the form 2027-03-31 while the grid shows 31/03/2027,
  and the box that opens to change a cell has no label. This fails WCAG 2.2 success criteria 1.3.1
  (Info and Relationships) and 4.1.2 (Name, Role, Value). Use the forms and downloads described
  above instead.
- **File upload areas.** The drop area of each file upload has a label but the role
  *presentation*, so the label is not announced (automated checks report
  *presentation-role-conflict*, a minor problem rather than a failure of a success criterion).
  The Upload button beside it is labelled.
- **Focus after a button press.** When you press a button, Streamlit runs the page again. The
  focus usually stays on the button, but where the button goes away (such as Create profile, or a
  button that deletes something), nothing has the focus and a screen reader may say nothing. The
  next Tab goes on from where the button was. This may fail WCAG 2.2 success criterion 2.4.3 (Focus
  Order).
"""
)

st.subheader("Charts")
st.markdown(
    "Charts are pictures. Each has a title, uses colours that people with common forms of colour "
    "blindness can tell apart, and shows status in words or symbols (such as \u2713 met, \u2717 not "
    "met) as well as colour. Each has a text alternative and a table with the same figures beside it. "
    "The chart library also describes each axis, bar and point to screen readers."
)

st.subheader("PDF documents")
st.markdown(
    "The PDF files the app makes (personal development plans, conversation records, portfolios, "
    "job adverts and team summaries) have a title, the language (British English) and bookmarks for "
    "each section; the chart in a personal development plan is tagged as a figure with a text "
    "alternative. The library that draws them cannot tag headings, paragraphs and tables for screen "
    "readers, so the PDFs are not fully accessible (this fails WCAG 2.2 success criterion 1.3.1). "
    "Plans, records, portfolios and job adverts also download as Word and Markdown, with the same "
    "content and real headings; the team summary also downloads as a CSV file."
)

st.subheader("Disproportionate burden")
st.markdown("We are not claiming disproportionate burden for any part of this app.")

st.header("What we are doing to improve accessibility")
st.markdown(
    "We run automated accessibility checks on every page each time the app changes, and fix any "
    "problem in the app's own content before it is released. We will review the problems listed "
    "above with each new version of Streamlit."
)

st.header("Preparation of this accessibility statement")
st.markdown(
    f"This statement was prepared on {PREPARED_ON}. It was last reviewed on {REVIEWED_ON}."
)
st.markdown(
    f"This app was last tested on {REVIEWED_ON}, by the team that develops it. We tested:"
)
st.markdown(
    """
- every page with automated checks (axe-core), in three states: with no profile, with a profile
  that has ratings, a saved assessment and a plan, and after an error message
- the heading structure of every page: one main heading, and no levels skipped
- the main journey using only a keyboard: create a profile, rate indicators, save the
  assessment, open Gaps and progress, add an item to the plan and download the plan as a PDF
- every page with the Tab key, once round: that each control that takes the focus is wholly in
  view and not under the bar at the top, that its focus indicator changes by a contrast of at least
  3:1, and that the name a screen reader announces for it holds no formatting marks or escape
  characters
- the main pages at 200% zoom (a window 640 pixels wide) and in a window 390 pixels wide,
  checking nothing needs scrolling sideways apart from wide tables, which scroll inside their
  own frame
"""
)
