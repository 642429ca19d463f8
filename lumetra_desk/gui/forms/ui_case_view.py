# Generated from ui/case_view.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_CaseView(object):
    def setupUi(self, CaseView):
        if not CaseView.objectName():
            CaseView.setObjectName(u"CaseView")
        self.caseLayout = QVBoxLayout(CaseView)
        self.caseLayout.setObjectName(u"caseLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.caseTitle = QLabel(CaseView)
        self.caseTitle.setObjectName(u"caseTitle")
        self.caseTitle.setWordWrap(True)
        self.caseTitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.caseTitle)

        self.headerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.dueLabel = QLabel(CaseView)
        self.dueLabel.setObjectName(u"dueLabel")

        self.headerLayout.addWidget(self.dueLabel)

        self.headerLayout.setStretch(0, 1)

        self.caseLayout.addLayout(self.headerLayout)

        self.actionsBar = QWidget(CaseView)
        self.actionsBar.setObjectName(u"actionsBar")
        self.actionsLayout = QGridLayout(self.actionsBar)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.actionsLayout.setContentsMargins(0, 0, 0, 0)

        self.caseLayout.addWidget(self.actionsBar)

        self.actionHint = QLabel(CaseView)
        self.actionHint.setObjectName(u"actionHint")
        self.actionHint.setWordWrap(True)

        self.caseLayout.addWidget(self.actionHint)

        self.caseTabs = QTabWidget(CaseView)
        self.caseTabs.setObjectName(u"caseTabs")
        self.overviewTab = QWidget()
        self.overviewTab.setObjectName(u"overviewTab")
        self.overviewLayout = QVBoxLayout(self.overviewTab)
        self.overviewLayout.setObjectName(u"overviewLayout")
        self.overviewForm = QFormLayout()
        self.overviewForm.setObjectName(u"overviewForm")
        self.requesterCaption = QLabel(self.overviewTab)
        self.requesterCaption.setObjectName(u"requesterCaption")

        self.overviewForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.requesterCaption)

        self.requesterLabel = QLabel(self.overviewTab)
        self.requesterLabel.setObjectName(u"requesterLabel")
        self.requesterLabel.setWordWrap(True)
        self.requesterLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.overviewForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.requesterLabel)

        self.typesCaption = QLabel(self.overviewTab)
        self.typesCaption.setObjectName(u"typesCaption")

        self.overviewForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.typesCaption)

        self.typesLabel = QLabel(self.overviewTab)
        self.typesLabel.setObjectName(u"typesLabel")
        self.typesLabel.setWordWrap(True)

        self.overviewForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.typesLabel)

        self.jurisdictionCaption = QLabel(self.overviewTab)
        self.jurisdictionCaption.setObjectName(u"jurisdictionCaption")

        self.overviewForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.jurisdictionCaption)

        self.jurisdictionRow = QHBoxLayout()
        self.jurisdictionRow.setObjectName(u"jurisdictionRow")
        self.jurisdictionCombo = QComboBox(self.overviewTab)
        self.jurisdictionCombo.setObjectName(u"jurisdictionCombo")

        self.jurisdictionRow.addWidget(self.jurisdictionCombo)

        self.applyJurisdictionButton = QPushButton(self.overviewTab)
        self.applyJurisdictionButton.setObjectName(u"applyJurisdictionButton")
        self.applyJurisdictionButton.setEnabled(False)

        self.jurisdictionRow.addWidget(self.applyJurisdictionButton)

        self.jurisdictionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.jurisdictionRow.addItem(self.jurisdictionSpacer)


        self.overviewForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.jurisdictionRow)

        self.detailsCaption = QLabel(self.overviewTab)
        self.detailsCaption.setObjectName(u"detailsCaption")

        self.overviewForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.detailsCaption)

        self.detailsLabel = QLabel(self.overviewTab)
        self.detailsLabel.setObjectName(u"detailsLabel")
        self.detailsLabel.setWordWrap(True)

        self.overviewForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.detailsLabel)


        self.overviewLayout.addLayout(self.overviewForm)

        self.timelineCaption = QLabel(self.overviewTab)
        self.timelineCaption.setObjectName(u"timelineCaption")
        self.timelineCaption.setWordWrap(True)

        self.overviewLayout.addWidget(self.timelineCaption)

        self.deadlineTree = QTreeWidget(self.overviewTab)
        self.deadlineTree.setObjectName(u"deadlineTree")
        self.deadlineTree.setRootIsDecorated(False)
        self.deadlineTree.setAlternatingRowColors(True)

        self.overviewLayout.addWidget(self.deadlineTree)

        self.caseTabs.addTab(self.overviewTab, "")
        self.verificationTab = QWidget()
        self.verificationTab.setObjectName(u"verificationTab")
        self.verificationLayout = QVBoxLayout(self.verificationTab)
        self.verificationLayout.setObjectName(u"verificationLayout")
        self.verificationSummary = QLabel(self.verificationTab)
        self.verificationSummary.setObjectName(u"verificationSummary")
        self.verificationSummary.setWordWrap(True)

        self.verificationLayout.addWidget(self.verificationSummary)

        self.accountRow = QHBoxLayout()
        self.accountRow.setObjectName(u"accountRow")
        self.recordAccountButton = QPushButton(self.verificationTab)
        self.recordAccountButton.setObjectName(u"recordAccountButton")
        self.recordAccountButton.setEnabled(False)

        self.accountRow.addWidget(self.recordAccountButton, 0, Qt.AlignmentFlag.AlignTop)

        self.accountHint = QLabel(self.verificationTab)
        self.accountHint.setObjectName(u"accountHint")
        self.accountHint.setWordWrap(True)

        self.accountRow.addWidget(self.accountHint)

        self.accountRow.setStretch(1, 1)

        self.verificationLayout.addLayout(self.accountRow)

        self.verificationTree = QTreeWidget(self.verificationTab)
        self.verificationTree.setObjectName(u"verificationTree")
        self.verificationTree.setRootIsDecorated(False)

        self.verificationLayout.addWidget(self.verificationTree)

        self.verificationButtons = QHBoxLayout()
        self.verificationButtons.setObjectName(u"verificationButtons")
        self.evidenceEdit = QLineEdit(self.verificationTab)
        self.evidenceEdit.setObjectName(u"evidenceEdit")

        self.verificationButtons.addWidget(self.evidenceEdit)

        self.passStepButton = QPushButton(self.verificationTab)
        self.passStepButton.setObjectName(u"passStepButton")

        self.verificationButtons.addWidget(self.passStepButton)

        self.failStepButton = QPushButton(self.verificationTab)
        self.failStepButton.setObjectName(u"failStepButton")

        self.verificationButtons.addWidget(self.failStepButton)


        self.verificationLayout.addLayout(self.verificationButtons)

        self.caseTabs.addTab(self.verificationTab, "")
        self.messagesTab = QWidget()
        self.messagesTab.setObjectName(u"messagesTab")
        self.messagesLayout = QVBoxLayout(self.messagesTab)
        self.messagesLayout.setObjectName(u"messagesLayout")
        self.messageSplitter = QSplitter(self.messagesTab)
        self.messageSplitter.setObjectName(u"messageSplitter")
        self.messageSplitter.setOrientation(Qt.Orientation.Vertical)
        self.messageTree = QTreeWidget(self.messageSplitter)
        self.messageTree.setObjectName(u"messageTree")
        self.messageTree.setRootIsDecorated(False)
        self.messageSplitter.addWidget(self.messageTree)
        self.messageBody = QPlainTextEdit(self.messageSplitter)
        self.messageBody.setObjectName(u"messageBody")
        self.messageBody.setReadOnly(True)
        self.messageSplitter.addWidget(self.messageBody)

        self.messagesLayout.addWidget(self.messageSplitter)

        self.attachmentRow = QHBoxLayout()
        self.attachmentRow.setObjectName(u"attachmentRow")
        self.attachmentCombo = QComboBox(self.messagesTab)
        self.attachmentCombo.setObjectName(u"attachmentCombo")
        self.attachmentCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.attachmentRow.addWidget(self.attachmentCombo)

        self.openAttachmentButton = QPushButton(self.messagesTab)
        self.openAttachmentButton.setObjectName(u"openAttachmentButton")

        self.attachmentRow.addWidget(self.openAttachmentButton)

        self.attachmentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attachmentRow.addItem(self.attachmentSpacer)


        self.messagesLayout.addLayout(self.attachmentRow)

        self.caseTabs.addTab(self.messagesTab, "")
        self.lettersTab = QWidget()
        self.lettersTab.setObjectName(u"lettersTab")
        self.lettersLayout = QHBoxLayout(self.lettersTab)
        self.lettersLayout.setObjectName(u"lettersLayout")
        self.letterListLayout = QVBoxLayout()
        self.letterListLayout.setObjectName(u"letterListLayout")
        self.generateRow = QHBoxLayout()
        self.generateRow.setObjectName(u"generateRow")
        self.letterKindCombo = QComboBox(self.lettersTab)
        self.letterKindCombo.setObjectName(u"letterKindCombo")

        self.generateRow.addWidget(self.letterKindCombo)

        self.generateLetterButton = QPushButton(self.lettersTab)
        self.generateLetterButton.setObjectName(u"generateLetterButton")

        self.generateRow.addWidget(self.generateLetterButton)


        self.letterListLayout.addLayout(self.generateRow)

        self.letterList = QListWidget(self.lettersTab)
        self.letterList.setObjectName(u"letterList")

        self.letterListLayout.addWidget(self.letterList)

        self.letterButtons = QHBoxLayout()
        self.letterButtons.setObjectName(u"letterButtons")
        self.saveLetterButton = QPushButton(self.lettersTab)
        self.saveLetterButton.setObjectName(u"saveLetterButton")

        self.letterButtons.addWidget(self.saveLetterButton)

        self.sendLetterButton = QPushButton(self.lettersTab)
        self.sendLetterButton.setObjectName(u"sendLetterButton")

        self.letterButtons.addWidget(self.sendLetterButton)


        self.letterListLayout.addLayout(self.letterButtons)


        self.lettersLayout.addLayout(self.letterListLayout)

        self.pdfHost = QWidget(self.lettersTab)
        self.pdfHost.setObjectName(u"pdfHost")
        self.pdfLayout = QVBoxLayout(self.pdfHost)
        self.pdfLayout.setObjectName(u"pdfLayout")
        self.pdfLayout.setContentsMargins(0, 0, 0, 0)

        self.lettersLayout.addWidget(self.pdfHost)

        self.caseTabs.addTab(self.lettersTab, "")
        self.notesTab = QWidget()
        self.notesTab.setObjectName(u"notesTab")
        self.notesLayout = QVBoxLayout(self.notesTab)
        self.notesLayout.setObjectName(u"notesLayout")
        self.notesView = QPlainTextEdit(self.notesTab)
        self.notesView.setObjectName(u"notesView")
        self.notesView.setReadOnly(True)

        self.notesLayout.addWidget(self.notesView)

        self.noteEdit = QPlainTextEdit(self.notesTab)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 90))

        self.notesLayout.addWidget(self.noteEdit)

        self.addNoteButton = QPushButton(self.notesTab)
        self.addNoteButton.setObjectName(u"addNoteButton")

        self.notesLayout.addWidget(self.addNoteButton, 0, Qt.AlignmentFlag.AlignRight)

        self.caseTabs.addTab(self.notesTab, "")
        self.auditTab = QWidget()
        self.auditTab.setObjectName(u"auditTab")
        self.auditLayout = QVBoxLayout(self.auditTab)
        self.auditLayout.setObjectName(u"auditLayout")
        self.auditTree = QTreeWidget(self.auditTab)
        self.auditTree.setObjectName(u"auditTree")
        self.auditTree.setRootIsDecorated(False)

        self.auditLayout.addWidget(self.auditTree)

        self.caseTabs.addTab(self.auditTab, "")

        self.caseLayout.addWidget(self.caseTabs)

        self.caseLayout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.jurisdictionCaption.setBuddy(self.jurisdictionCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CaseView)

        QMetaObject.connectSlotsByName(CaseView)
    # setupUi

    def retranslateUi(self, CaseView):
        self.caseTitle.setText(QCoreApplication.translate("CaseView", u"No case open", None))
#if QT_CONFIG(accessibility)
        self.dueLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Governing deadline", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.actionsBar.setAccessibleName(QCoreApplication.translate("CaseView", u"Workflow actions", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.actionHint.setAccessibleName(QCoreApplication.translate("CaseView", u"Why actions are unavailable", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.caseTabs.setAccessibleName(QCoreApplication.translate("CaseView", u"Case details", None))
#endif // QT_CONFIG(accessibility)
        self.requesterCaption.setText(QCoreApplication.translate("CaseView", u"Requester", None))
#if QT_CONFIG(accessibility)
        self.requesterLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Requester", None))
#endif // QT_CONFIG(accessibility)
        self.typesCaption.setText(QCoreApplication.translate("CaseView", u"Request types", None))
#if QT_CONFIG(accessibility)
        self.typesLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Request types", None))
#endif // QT_CONFIG(accessibility)
        self.jurisdictionCaption.setText(QCoreApplication.translate("CaseView", u"&Jurisdiction", None))
#if QT_CONFIG(accessibility)
        self.jurisdictionCombo.setAccessibleName(QCoreApplication.translate("CaseView", u"Jurisdiction", None))
#endif // QT_CONFIG(accessibility)
        self.applyJurisdictionButton.setText(QCoreApplication.translate("CaseView", u"Change and recompute deadlines", None))
#if QT_CONFIG(accessibility)
        self.applyJurisdictionButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Change the jurisdiction and recompute deadlines", None))
#endif // QT_CONFIG(accessibility)
        self.detailsCaption.setText(QCoreApplication.translate("CaseView", u"Details", None))
#if QT_CONFIG(accessibility)
        self.detailsLabel.setAccessibleName(QCoreApplication.translate("CaseView", u"Case details", None))
#endif // QT_CONFIG(accessibility)
        self.timelineCaption.setText(QCoreApplication.translate("CaseView", u"Deadlines (current first, then superseded history; hover for the rule)", None))
        ___qtreewidgetitem = self.deadlineTree.headerItem()
        ___qtreewidgetitem.setText(5, QCoreApplication.translate("CaseView", u"State", None))
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("CaseView", u"Rule", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("CaseView", u"Right", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("CaseView", u"Countdown", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("CaseView", u"Due", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("CaseView", u"Deadline", None))
#if QT_CONFIG(accessibility)
        self.deadlineTree.setAccessibleName(QCoreApplication.translate("CaseView", u"Deadline timeline", None))
#endif // QT_CONFIG(accessibility)
        self.caseTabs.setTabText(self.caseTabs.indexOf(self.overviewTab), QCoreApplication.translate("CaseView", u"Overview", None))
#if QT_CONFIG(accessibility)
        self.verificationSummary.setAccessibleName(QCoreApplication.translate("CaseView", u"Verification plan", None))
#endif // QT_CONFIG(accessibility)
        self.recordAccountButton.setText(QCoreApplication.translate("CaseView", u"&Record Engram account\u2026", None))
#if QT_CONFIG(accessibility)
        self.recordAccountButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Record the requester's Engram account", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.accountHint.setAccessibleName(QCoreApplication.translate("CaseView", u"Why the account cannot be recorded", None))
#endif // QT_CONFIG(accessibility)
        ___qtreewidgetitem1 = self.verificationTree.headerItem()
        ___qtreewidgetitem1.setText(3, QCoreApplication.translate("CaseView", u"Decided", None))
        ___qtreewidgetitem1.setText(2, QCoreApplication.translate("CaseView", u"Evidence", None))
        ___qtreewidgetitem1.setText(1, QCoreApplication.translate("CaseView", u"Status", None))
        ___qtreewidgetitem1.setText(0, QCoreApplication.translate("CaseView", u"Step", None))
#if QT_CONFIG(accessibility)
        self.verificationTree.setAccessibleName(QCoreApplication.translate("CaseView", u"Verification checklist", None))
#endif // QT_CONFIG(accessibility)
        self.evidenceEdit.setPlaceholderText(QCoreApplication.translate("CaseView", u"Evidence note (what was checked, against what)", None))
#if QT_CONFIG(accessibility)
        self.evidenceEdit.setAccessibleName(QCoreApplication.translate("CaseView", u"Evidence note", None))
#endif // QT_CONFIG(accessibility)
        self.passStepButton.setText(QCoreApplication.translate("CaseView", u"&Passed", None))
#if QT_CONFIG(accessibility)
        self.passStepButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Mark the step passed", None))
#endif // QT_CONFIG(accessibility)
        self.failStepButton.setText(QCoreApplication.translate("CaseView", u"F&ailed", None))
#if QT_CONFIG(accessibility)
        self.failStepButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Mark the step failed", None))
#endif // QT_CONFIG(accessibility)
        self.caseTabs.setTabText(self.caseTabs.indexOf(self.verificationTab), QCoreApplication.translate("CaseView", u"Verification", None))
        ___qtreewidgetitem2 = self.messageTree.headerItem()
        ___qtreewidgetitem2.setText(3, QCoreApplication.translate("CaseView", u"Subject", None))
        ___qtreewidgetitem2.setText(2, QCoreApplication.translate("CaseView", u"From", None))
        ___qtreewidgetitem2.setText(1, QCoreApplication.translate("CaseView", u"Direction", None))
        ___qtreewidgetitem2.setText(0, QCoreApplication.translate("CaseView", u"When", None))
#if QT_CONFIG(accessibility)
        self.messageTree.setAccessibleName(QCoreApplication.translate("CaseView", u"Message thread", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.messageBody.setAccessibleName(QCoreApplication.translate("CaseView", u"Message text", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.attachmentCombo.setAccessibleName(QCoreApplication.translate("CaseView", u"Attachments of the message", None))
#endif // QT_CONFIG(accessibility)
        self.openAttachmentButton.setText(QCoreApplication.translate("CaseView", u"&Open attachment\u2026", None))
#if QT_CONFIG(accessibility)
        self.openAttachmentButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Open the attachment", None))
#endif // QT_CONFIG(accessibility)
        self.caseTabs.setTabText(self.caseTabs.indexOf(self.messagesTab), QCoreApplication.translate("CaseView", u"Messages", None))
#if QT_CONFIG(accessibility)
        self.letterKindCombo.setAccessibleName(QCoreApplication.translate("CaseView", u"Letter kind", None))
#endif // QT_CONFIG(accessibility)
        self.generateLetterButton.setText(QCoreApplication.translate("CaseView", u"&Generate", None))
#if QT_CONFIG(accessibility)
        self.generateLetterButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Generate the letter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.letterList.setAccessibleName(QCoreApplication.translate("CaseView", u"Issued letters", None))
#endif // QT_CONFIG(accessibility)
        self.saveLetterButton.setText(QCoreApplication.translate("CaseView", u"&Save PDF\u2026", None))
#if QT_CONFIG(accessibility)
        self.saveLetterButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Save the letter as a PDF file", None))
#endif // QT_CONFIG(accessibility)
        self.sendLetterButton.setText(QCoreApplication.translate("CaseView", u"S&end", None))
#if QT_CONFIG(accessibility)
        self.sendLetterButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Send the letter to the requester", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.pdfHost.setAccessibleName(QCoreApplication.translate("CaseView", u"Letter preview", None))
#endif // QT_CONFIG(accessibility)
        self.caseTabs.setTabText(self.caseTabs.indexOf(self.lettersTab), QCoreApplication.translate("CaseView", u"Letters", None))
#if QT_CONFIG(accessibility)
        self.notesView.setAccessibleName(QCoreApplication.translate("CaseView", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("CaseView", u"New note (Ctrl+Enter adds it)", None))
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleName(QCoreApplication.translate("CaseView", u"New note", None))
#endif // QT_CONFIG(accessibility)
        self.addNoteButton.setText(QCoreApplication.translate("CaseView", u"Add &note", None))
#if QT_CONFIG(accessibility)
        self.addNoteButton.setAccessibleName(QCoreApplication.translate("CaseView", u"Add the note", None))
#endif // QT_CONFIG(accessibility)
        self.caseTabs.setTabText(self.caseTabs.indexOf(self.notesTab), QCoreApplication.translate("CaseView", u"Notes", None))
        ___qtreewidgetitem3 = self.auditTree.headerItem()
        ___qtreewidgetitem3.setText(3, QCoreApplication.translate("CaseView", u"Change", None))
        ___qtreewidgetitem3.setText(2, QCoreApplication.translate("CaseView", u"What", None))
        ___qtreewidgetitem3.setText(1, QCoreApplication.translate("CaseView", u"Who", None))
        ___qtreewidgetitem3.setText(0, QCoreApplication.translate("CaseView", u"When", None))
#if QT_CONFIG(accessibility)
        self.auditTree.setAccessibleName(QCoreApplication.translate("CaseView", u"Audit trail", None))
#endif // QT_CONFIG(accessibility)
        self.caseTabs.setTabText(self.caseTabs.indexOf(self.auditTab), QCoreApplication.translate("CaseView", u"Audit trail", None))
        pass
    # retranslateUi
